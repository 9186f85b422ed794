"""The stacks an entry is verified on, their virtual environments, and where entries apply.

A stack is a TensorFlow/Keras combination users really run. `current` is the
interpreter running tfexplain (today TF 2.21 + Keras 3); the others are pinned
virtual environments installed from PyPI into the cache directory
(`<cache>/stacks/<name>`, `$TFEXPLAIN_STACKS_DIR` overrides), created once and
reused: a marker file holds the pinned requirements, and an environment whose
marker differs is rebuilt.

An entry's `[verify]` table may limit where it applies with PEP 440 version
specifiers, `tensorflow = "<2.16"` or `keras = ">=3"`, compared with the
versions the stack really reports (`keras` is what `import keras` gives a
snippet there); `tensorflow_hub`, `transformers` and `tf_keras` name
libraries only some stacks have.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

from .report import cache_dir

STACKS_ENV = "TFEXPLAIN_STACKS_DIR"
MARKER = "tfexplain-stack.json"
#: The version keys an entry's [verify] table may constrain: TensorFlow, what `import keras` gives,
#: and libraries only some stacks have (an entry needing one applies only where it is installed).
APPLY_KEYS = ("tensorflow", "keras", "tf_keras", "tensorflow_hub", "transformers")


@dataclass(frozen=True)
class Stack:
    name: str
    #: pip requirements of the stack's environment; empty = the interpreter running tfexplain
    requirements: tuple[str, ...] = ()
    #: extra environment variables for its snippet workers
    env: dict[str, str] = field(default_factory=dict)
    about: str = ""

    @property
    def current(self) -> bool:
        return not self.requirements


STACKS: tuple[Stack, ...] = (
    Stack("current", about="the interpreter running tfexplain (TF 2.21 + Keras 3 today)"),
    Stack(
        "tf2.21-tfkeras2",
        ("tensorflow-cpu==2.21.0", "tf-keras==2.21.0"),
        {"TF_USE_LEGACY_KERAS": "1", "TFEXPLAIN_KERAS_ALIAS": "tf_keras"},
        about="Keras 2 on current TensorFlow: tf-keras with TF_USE_LEGACY_KERAS=1",
    ),
    Stack("tf2.16-keras3", ("tensorflow-cpu==2.16.2", "keras==3.3.3", "numpy<2"), about="the first TF with Keras 3"),
    Stack("tf2.15-keras2", ("tensorflow-cpu==2.15.1", "numpy<2"), about="the last TF with Keras 2 built in"),
    Stack(
        "tf2.21-keras3-hub",
        ("tensorflow-cpu==2.21.0", "tensorflow-hub==0.16.1", "tf-keras==2.21.0", "transformers==4.57.6"),
        about="Keras 3 with Keras 2 libraries beside it (tensorflow_hub, transformers' TF classes, tf_keras)",
    ),
)


def get_stack(name: str) -> Stack | None:
    return next((s for s in STACKS if s.name == name), None)


def stacks_dir() -> Path:
    override = os.environ.get(STACKS_ENV)
    return Path(override).expanduser() if override else cache_dir() / "stacks"


def env_dir(stack: Stack) -> Path:
    return stacks_dir() / stack.name


def python_of(stack: Stack) -> Path:
    if stack.current:
        return Path(sys.executable)
    return env_dir(stack) / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted(stack: Stack) -> dict:
    return {"requirements": list(stack.requirements), "python": ".".join(map(str, sys.version_info[:2]))}


def is_ready(stack: Stack) -> bool:
    """The environment exists and was built from exactly these requirements."""
    if stack.current:
        return True
    try:
        marker = json.loads((env_dir(stack) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker == _wanted(stack) and python_of(stack).exists()


def ensure(stack: Stack, log=None) -> tuple[Path, float]:
    """Create the stack's environment unless it is ready. Returns its python and the seconds spent.

    Idempotent: a ready environment is reused untouched. A half-built or
    outdated one is removed and built again; the marker is written last, so an
    interrupted install is never mistaken for a finished one.
    """
    if is_ready(stack):
        return python_of(stack), 0.0
    start = time.perf_counter()
    folder = env_dir(stack)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    if log:
        log(f"creating {stack.name} in {folder}: pip install {' '.join(stack.requirements)}")
    venv.EnvBuilder(with_pip=True).create(folder)
    # a global constraint file (pip.conf) that contradicts a pin makes pip fail here, loudly
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_PROGRESS_BAR="off")
    cmd = [str(python_of(stack)), "-m", "pip", "install", "-q", *stack.requirements]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=3600)
    if res.returncode != 0:
        raise RuntimeError(f"pip install for stack {stack.name} failed:\n{(res.stdout + res.stderr)[-3000:]}")
    (folder / MARKER).write_text(json.dumps(_wanted(stack), indent=1) + "\n", encoding="utf-8")
    return python_of(stack), time.perf_counter() - start


def check_specifiers(applies: dict) -> list[str]:
    """Faults in an entry's applicability fields (empty when valid)."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    problems = []
    for key, spec in applies.items():
        if key not in APPLY_KEYS:
            problems.append(f"unknown applicability key {key!r} (one of {', '.join(APPLY_KEYS)})")
            continue
        try:
            SpecifierSet(str(spec))
        except InvalidSpecifier:
            problems.append(f'`{key} = {spec!r}` is not a version specifier such as "<2.16" or ">=3"')
    return problems


def applies(constraints: dict, versions: dict) -> bool:
    """Whether an entry with these [verify] constraints applies to a stack reporting `versions`."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    for key, spec in constraints.items():
        found = versions.get(key)
        if not found:
            return False
        try:
            version = Version(str(found))
        except InvalidVersion:
            return False
        if not SpecifierSet(str(spec)).contains(version, prereleases=True):
            return False
    return True


def label(versions: dict) -> str:
    """`TF 2.15.1 / Keras 2.15.0`."""
    return f"TF {versions.get('tensorflow')} / Keras {versions.get('keras')}"


def keras_family(versions: dict) -> str:
    """`Keras 2` or `Keras 3`: how wordings are grouped for people."""
    major = str(versions.get("keras") or "?").split(".")[0]
    return f"Keras {major}"
