"""WRK601/WRK602 and WRK201 stay quiet on the example projects' correct code (their decoys included)."""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
CASES = ["ex-bw-on-commit", "ex-bw-retry", "ex-cli-args", "ex-ps-union", "ex-sj-duplicates", "ex-sj-timezone"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("code", ["WRK201", "WRK601", "WRK602"])
def test_quiet_on_example_repos(examples_dir: Path, case: str, code: str) -> None:
    index = RepoIndex.build(examples_dir / "cases" / case / "repo")
    assert list(REGISTRY[code]().check(CheckContext(index))) == []


def test_wrk601_follows_a_task_into_its_helper_and_fixes_the_loop(tmp_path: Path) -> None:
    ex = REGISTRY["WRK601"].INVALID[1]
    for rel, text in ex.all_files().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = RepoIndex.build(tmp_path)
    rule = REGISTRY["WRK601"]()
    found = sorted(rule.check(CheckContext(index)), key=lambda f: f.line)
    assert [(f.symbol, f.fixable) for f in found] == [("_dormant_customers", False), ("deactivate_dormant", True)]
    # the loop variable is evaluated only by the loop: safe
    assert found[1].fix_safety == "safe"
    patch = rule.fix(index, found[1])
    assert "for customer in stale.iterator(chunk_size=2000):" in patch.changes[0].new


RESET_TASK = '''

@shared_task
def reset_checkins():
    """Nightly: start every used room's check-in count afresh."""
    rooms = list(rooms_to_reset())
    if not rooms:
        return 0
    logger.info("resetting %d rooms", len(rooms))
    reset = 0
    for room in rooms:
        room.checkins = 0
        room.save(update_fields=["checkins"])
        reset += 1
    return reset
'''

RESET_TESTS = '''
from rooms.models import Room
from rooms.tasks import reset_checkins


def test_reset_checkins(db):
    Room.objects.create(name="Oak", checkins=3)
    Room.objects.create(name="Elm", checkins=0)
    assert reset_checkins() == 1
    assert set(Room.objects.values_list("checkins", flat=True)) == {0}
    assert reset_checkins() == 0
'''


@pytest.mark.slow
def test_wrk601_list_of_a_helper_queryset_is_streamed_and_counted(tmp_path: Path) -> None:
    """``rooms = list(helper())`` then ``if not rooms`` / ``len(rooms)`` / one loop: the fix streams the
    loop and asks the database, the replayed project test proves it, and the suite still passes."""
    from rule_behaviour import fix_and_prove, pytest_run
    from test_wrk3_project import TASKS, write_project

    repo = write_project(tmp_path / "deskbook", extra={
        "rooms/selectors.py": "from .models import Room\n\n\ndef rooms_to_reset():\n"
                              "    return Room.objects.filter(checkins__gt=0).exclude(name=\"\").order_by(\"pk\")\n",
        "rooms/tasks.py": TASKS.replace("from .models import Booking, Room\n",
                                        "from .models import Booking, Room\nfrom .selectors import rooms_to_reset\n")
                          + RESET_TASK,
        "tests/test_reset.py": RESET_TESTS,
    })
    assert pytest_run(repo)[0] == 0
    result = fix_and_prove(repo, "WRK601", file="rooms/tasks.py")
    assert result.finding.symbol == "reset_checkins" and result.finding.fixable
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    fixed = (repo / "rooms/tasks.py").read_text()
    assert "rooms = rooms_to_reset()" in fixed and "if not rooms.exists():" in fixed
    assert "len(rooms)" not in fixed and "rooms.count()" in fixed
    assert "for room in rooms.iterator(chunk_size=2000):" in fixed
