"""pytest plugin: `pytest --tfexplain` adds a diagnosis to failing TensorFlow tests."""

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
    if not item.config.getoption("tfexplain", False) or call.excinfo is None:
        return
    from . import explain

    text = explain(call.excinfo.value)
    diagnosis = getattr(text, "diagnosis", None)
    if diagnosis is not None and diagnosis.matches:
        report.sections.append(("tfexplain", str(text)))
