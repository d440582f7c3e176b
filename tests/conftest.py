"""Shared test helpers: real fixture projects copied into real git repos."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = Path(os.environ.get("ROOTFIX_EXAMPLES", ROOT.parent / "shared" / "examples"))


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


@pytest.fixture
def examples_dir() -> Path:
    if not (EXAMPLES / "cases").is_dir():
        pytest.fail(f"example cases not found at {EXAMPLES} (set ROOTFIX_EXAMPLES)")
    return EXAMPLES


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
