"""Shared test helpers: real fixture projects copied into real git repos.

``../shared`` (beside the clone) holds the example cases and the seed template. Tests that need them take
the ``examples_dir`` / ``seed_template`` fixtures (or :data:`requires_examples`) and skip, naming what is
missing, when it is absent: a fresh clone's suite passes on its own. ``ROOTFIX_SHARED`` points at another
shared folder, ``ROOTFIX_EXAMPLES`` at another examples folder.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("ROOTFIX_SHARED", ROOT.parent / "shared"))
EXAMPLES = Path(os.environ.get("ROOTFIX_EXAMPLES", SHARED / "examples"))
SEED = SHARED / "seed" / "bug-fix-template.md"

HAVE_EXAMPLES = (EXAMPLES / "cases").is_dir()
NO_EXAMPLES = (f"needs the example cases: {EXAMPLES / 'cases'} not found "
               "(clone ../shared beside the repo or set ROOTFIX_EXAMPLES)")
NO_SEED = f"needs the seed template: {SEED} not found (clone ../shared beside the repo or set ROOTFIX_SHARED)"

#: for tests and parametrizations that read the example cases at import time
requires_examples = pytest.mark.skipif(not HAVE_EXAMPLES, reason=NO_EXAMPLES)


def example_cases(*, having: str = "bug.yaml") -> list[str]:
    """Names of the example cases with a ``having`` file (for parametrize), or one skipped placeholder
    when the examples are absent, so the skip says why instead of 'got empty parameter set'."""
    if not HAVE_EXAMPLES:
        return [pytest.param("no-examples", marks=pytest.mark.skip(reason=NO_EXAMPLES))]
    return sorted(p.name for p in (EXAMPLES / "cases").iterdir() if (p / having).exists())


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return out.stdout


def make_git_repo(src: Path, dest: Path) -> Path:
    """Copy ``src`` to ``dest`` and commit it, as a user's clean checkout."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc"))
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "initial")
    return dest


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not HAVE_EXAMPLES:
        pytest.skip(NO_EXAMPLES)
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_template() -> Path:
    if not SEED.is_file():
        pytest.skip(NO_SEED)
    return SEED


@pytest.fixture
def target_python() -> str:
    """The interpreter that has the fixture projects' requirements (this test venv)."""
    return sys.executable


@pytest.fixture
def project_repo(tmp_path: Path):
    """``project_repo("shopfloor")`` -> a committed git copy of tests/fixtures/shopfloor."""

    def make(name: str, base: Path | None = None) -> Path:
        src = (base or FIXTURES) / name
        return make_git_repo(src, tmp_path / name)

    return make
