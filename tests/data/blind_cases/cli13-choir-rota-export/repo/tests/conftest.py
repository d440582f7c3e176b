import importlib.util
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from members.models import Singer
from rehearsals.models import Attendance, Rehearsal, RotaDuty

LONDON = ZoneInfo("Europe/London")
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name):
    spec = importlib.util.spec_from_file_location(f"script_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def singers(db):
    rows = [
        ("Ruth", "Adeyemi", "S", True), ("Clare", "Hughes", "S", False),
        ("Mei", "Lin", "A", True), ("Joan", "Baker", "A", False),
        ("Tom", "Price", "T", True), ("Dev", "Sharma", "T", False),
        ("Owen", "Jones", "B", True), ("Peter", "Walsh", "B", False),
    ]
    return {
        last: Singer.objects.create(first_name=first, last_name=last, section=section,
                                    is_section_leader=leader, email=f"{first.lower()}@example.org")
        for first, last, section, leader in rows
    }


@pytest.fixture
def may_rehearsals(db):
    return [
        Rehearsal.objects.create(starts_at=datetime(2024, 5, day, 19, 30, tzinfo=LONDON))
        for day in (7, 14, 21, 28)
    ]


@pytest.fixture
def may_rota(singers, may_rehearsals):
    first = may_rehearsals[0]
    RotaDuty.objects.create(rehearsal=first, singer=singers["Baker"], duty=RotaDuty.Duty.TEA)
    RotaDuty.objects.create(rehearsal=first, singer=singers["Walsh"], duty=RotaDuty.Duty.CHAIRS)
    Attendance.objects.create(rehearsal=first, singer=singers["Lin"], status=Attendance.Status.APOLOGIES)
    return may_rehearsals
