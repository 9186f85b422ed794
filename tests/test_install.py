"""A non-editable install into a fresh virtual environment finds its knowledge base."""

from __future__ import annotations

import re
import subprocess
import sys
import venv

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DISTRIBUTION = "tfexplain-errors"
#: Names on PyPI that a new project may not equal once separators are removed (`tf-explain` exists).
TAKEN = {"tfexplain"}


def _ultranormal(name: str) -> str:
    """PyPI's confusable-name check: lower-case, `-`, `_` and `.` removed."""
    return re.sub(r"[-_.]+", "", name).lower()


def test_the_distribution_name_can_be_published():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION
    assert _ultranormal(project["name"]) not in TAKEN  # `tfexplain` == `tf-explain` to PyPI
    assert project["scripts"] == {"tfexplain": "explainer.cli:console"}


def test_wheel_install_works_from_another_directory(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )
    exe = env_dir / "bin" / "tfexplain"
    work = tmp_path / "elsewhere"
    work.mkdir()
    example = (ROOT / "examples" / "matmul.txt").read_bytes()
    res = subprocess.run([str(exe)], input=example, capture_output=True, cwd=work, check=False, timeout=60)
    assert res.returncode == 0, res.stderr
    assert b"matmul-inner-dim" in res.stdout and b"(2, 2) and B is (3, 2)" in res.stdout
    where = subprocess.run(
        [str(py), "-c", "from explainer import kb; print(kb.builtin_kb_dir())"],
        capture_output=True, text=True, cwd=work, check=True,
    ).stdout.strip()
    assert str(env_dir) in where and str(ROOT) not in where
    listed = subprocess.run([str(exe), "list"], capture_output=True, text=True, cwd=work, check=True).stdout
    from explainer import kb as kbmod

    for entry in kbmod.load().entries:
        assert entry.id in listed
    # TensorFlow is an extra, not a requirement of explaining
    assert subprocess.run([str(py), "-c", "import tensorflow"], capture_output=True, check=False).returncode != 0
    show = subprocess.run([str(exe), "show", "matmul-inner-dim"], capture_output=True, text=True, cwd=work, check=False)
    assert "it raises:" in show.stdout
    # installed under its publishable name, with the `tfexplain` command and the `explainer` package
    meta = subprocess.run(
        [str(py), "-c", f"import importlib.metadata as m; d = m.distribution({DISTRIBUTION!r}); "
         "print(d.metadata['Name'], *sorted(e.name for e in d.entry_points if e.group == 'console_scripts'))"],
        capture_output=True, text=True, cwd=work, check=True,
    ).stdout.split()
    assert meta == [DISTRIBUTION, "tfexplain"]
