"""A non-editable install into a fresh virtual environment finds its knowledge base."""

from __future__ import annotations

import subprocess
import venv

from conftest import ROOT


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
    assert b"inner dimensions 2 and 3 differ" in res.stdout
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
