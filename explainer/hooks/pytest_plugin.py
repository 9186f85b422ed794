"""pytest plugin: `pytest --tfexplain` adds a tfexplain section to tests that failed
with a TensorFlow/Keras error, raised directly or inside the chain of another."""

from __future__ import annotations

import pytest


def pytest_addoption(parser) -> None:
    group = parser.getgroup("tfexplain")
    group.addoption(
        "--tfexplain",
        action="store_true",
        default=False,
        help="explain TensorFlow/Keras errors of failing tests with tfexplain",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not item.config.getoption("tfexplain", False) or call.excinfo is None or not report.failed:
        return
    from .policy import hook_text

    text = hook_text(call.excinfo.value)
    if text:
        report.sections.append(("tfexplain", text))
