"""WRK401 (read-modify-write of a model field): detection, the F() fix, and the behaviour on the
deskbook project (two overlapping task runs must both keep their increment)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove
from test_wrk3_project import MODELS, write_project

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
RULE = REGISTRY["WRK401"]()


def run(tmp_path: Path, code: str):
    files = {"rooms/__init__.py": "", "rooms/models.py": MODELS, "rooms/tasks.py": code}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = RepoIndex.build(tmp_path)
    return index, list(RULE.check(CheckContext(index)))


def test_fetch_forms(tmp_path: Path) -> None:
    code = (
        "from django.shortcuts import get_object_or_404\nfrom .models import Room\n\n"
        "def a(room_id):\n    room = Room.objects.select_related().get(pk=room_id)\n"
        "    room.checkins = room.checkins + 2\n    room.save()\n\n"                        # 6
        "def b(slug):\n    room = get_object_or_404(Room, name=slug)\n    room.revenue -= 5\n"
        "    room.save(update_fields=('revenue',))\n\n"                                      # 11
        "def c():\n    for room in Room.objects.all():\n        room.checkins += 1\n        room.save()\n\n"  # 16
        "def d(room: Room):\n    room.checkins += 1\n    room.save(update_fields=['checkins'])\n\n"  # 20
        "def quiet(room_id):\n    room = Room.objects.get(pk=room_id)\n    room.checkins += 1\n"
        "    room.save(update_fields=['name'])\n    room.name = room.name + '!'\n"
        "    room.save(update_fields=['name'])\n"
    )
    _, found = run(tmp_path, code)
    assert [f.line for f in found] == [6, 11, 16, 20]


def test_quiet_on_locked_rows_and_f_updates(tmp_path: Path) -> None:
    code = (
        "from django.db import transaction\nfrom django.db.models import F\nfrom .models import Room\n\n"
        "def a(room_id):\n    with transaction.atomic():\n"
        "        room = Room.objects.select_for_update().get(pk=room_id)\n        room.checkins += 1\n"
        "        room.save()\n\n"
        "def b(room_id):\n    Room.objects.filter(pk=room_id).update(checkins=F('checkins') + 1)\n\n"
        "def c(stats):\n    stats.total += 1\n    return stats\n"
    )
    assert run(tmp_path, code)[1] == []


def test_fix_keeps_other_fields_and_drops_a_save_that_only_wrote_the_counter(tmp_path: Path) -> None:
    code = (
        "from django.db.models import F\nfrom .models import Room\n\n"
        "def close(room_id):\n    room = Room.objects.get(pk=room_id)\n    room.checkins += 1\n"
        "    room.save()\n    return 'ok'\n"
    )
    index, found = run(tmp_path, code)
    new = RULE.fix(index, found[0]).changes[0].new
    assert new == (
        "from django.db.models import F\nfrom .models import Room\n\n"
        "def close(room_id):\n    room = Room.objects.get(pk=room_id)\n"
        "    Room.objects.filter(pk=room.pk).update(checkins=F(\"checkins\") + 1)\n    return 'ok'\n"
    )
    # a save() without update_fields that also writes another changed field: no automatic fix
    index, found = run(tmp_path, code.replace("    room.save()\n", "    room.name = 'x'\n    room.save()\n"))
    assert RULE.fix(index, found[0]) is None


@pytest.mark.slow
@pytest.mark.parametrize("style", ["pytest", "testcase"])
def test_lost_update_is_fixed_on_a_small_project(tmp_path: Path, style: str) -> None:
    repo = write_project(tmp_path / "deskbook", style=style)
    result = fix_and_prove(repo, "WRK401")
    assert (result.finding.file, result.finding.symbol) == ("rooms/tasks.py", "record_checkin")
    # proven: deskbook's own tests pass on the buggy code, the regression test fails there and passes after
    assert result.proven, result.output
    assert "an update was lost" in result.failure_before, result.output
    assert 'Room.objects.filter(pk=room.pk).update(checkins=F("checkins") + 1)' in (repo / "rooms/tasks.py").read_text()
