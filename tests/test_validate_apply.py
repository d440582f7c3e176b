"""--apply: a validated fix goes into the user's tree only if nothing changed since validation."""
from __future__ import annotations

import os
import stat

import pytest

from conftest import git, make_git_repo
from rootfix.errors import UsageError
from rootfix.types import FileChange, Patch
from rootfix.validate.apply import ABSENT, apply_validated, fingerprint


@pytest.fixture
def repo(tmp_path):
    src = tmp_path / "src"
    (src / "orders").mkdir(parents=True)
    (src / "orders" / "services.py").write_text("def place():\n    return 1\n")
    (src / "run.sh").write_text("#!/bin/sh\necho old\n")
    os.chmod(src / "run.sh", 0o755)
    return make_git_repo(src, tmp_path / "repo")


def fix_patch() -> Patch:
    return Patch((
        FileChange("orders/services.py", "def place():\n    return 1\n", "def place():\n    return 2\n"),
        FileChange("run.sh", "#!/bin/sh\necho old\n", "#!/bin/sh\necho new\n"),
        FileChange("tests/test_place.py", None, "def test_place():\n    pass\n"),
    ), tests_added=("tests/test_place.py",))


def test_fingerprint_and_atomic_apply(repo):
    patch = fix_patch()
    fps = fingerprint(repo, patch)
    assert dict(fps)["tests/test_place.py"] == ABSENT
    assert len(dict(fps)["orders/services.py"]) == 64
    apply_validated(repo, patch, fps)
    assert (repo / "orders" / "services.py").read_text() == "def place():\n    return 2\n"
    assert (repo / "tests" / "test_place.py").read_text().startswith("def test_place")
    assert stat.S_IMODE((repo / "run.sh").stat().st_mode) == 0o755  # mode kept
    assert not [p for p in repo.rglob("*.rootfix-tmp")]  # no temp file left behind


def test_refuses_when_a_file_changed_since_validation(repo):
    patch = fix_patch()
    fps = fingerprint(repo, patch)
    (repo / "orders" / "services.py").write_text("def place():\n    return 3\n")
    with pytest.raises(UsageError, match=r"^refusing to apply: orders/services.py changed since validation$"):
        apply_validated(repo, patch, fps)
    # nothing was written: not even the files that did not change
    assert (repo / "run.sh").read_text().endswith("echo old\n")
    assert not (repo / "tests" / "test_place.py").exists()


def test_refuses_when_a_new_file_appeared(repo):
    patch = fix_patch()
    fps = fingerprint(repo, patch)
    (repo / "tests").mkdir()
    (repo / "tests" / "test_place.py").write_text("# mine\n")
    with pytest.raises(UsageError, match="tests/test_place.py was created since validation"):
        apply_validated(repo, patch, fps)
    assert (repo / "tests" / "test_place.py").read_text() == "# mine\n"


def test_refuses_uncommitted_changes(repo):
    # the file was already modified (uncommitted) when it was validated: the hash matches, git says no
    (repo / "orders" / "services.py").write_text("def place():\n    return 1  # local edit\n")
    patch = fix_patch()
    fps = fingerprint(repo, patch)
    with pytest.raises(UsageError, match="refusing to apply: orders/services.py has uncommitted changes"):
        apply_validated(repo, patch, fps)
    assert "local edit" in (repo / "orders" / "services.py").read_text()
    git(repo, "checkout", "--", "orders/services.py")  # the test's own repo, not the user's
    apply_validated(repo, patch, fingerprint(repo, patch))
    assert git(repo, "status", "--porcelain").count("\n") == 3
