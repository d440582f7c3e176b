"""WRK501 (task argument the JSON serializer cannot carry): detection, settings, the multi-file
fix, and the behaviour on the deskbook project (the published arguments must serialize)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove, pytest_run
from test_wrk3_project import MODELS, TASKS, write_project

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
RULE = REGISTRY["WRK501"]()

RECEIPT_TASK = '''

@shared_task
def send_receipt(booking, note=""):
    """Email the guest their receipt."""
    logger.info("receipt for %s in %s %s", booking.guest, booking.room.name, note)
    return booking.guest
'''

CHECKOUT = '''\
from .models import Booking
from .tasks import send_receipt


def check_out(booking_id):
    booking = Booking.objects.select_related("room").get(pk=booking_id)
    send_receipt.delay(booking, note="thanks")
    return booking


def check_out_all(room):
    for booking in room.bookings.all():
        send_receipt.apply_async(args=[booking])
'''

CHECKOUT_TESTS = '''\
from unittest import mock

from rooms.checkout import check_out
from rooms.models import Booking, Room
from rooms.tasks import send_receipt


def test_check_out(db):
    room = Room.objects.create(name="Oak")
    booking = Booking.objects.create(room=room, guest="Ana")
    with mock.patch.object(send_receipt, "delay") as delay:
        assert check_out(booking.pk).guest == "Ana"
    delay.assert_called_once()
'''


def run(tmp_path: Path, files: dict[str, str]):
    base = {"rooms/__init__.py": "", "rooms/models.py": MODELS, "rooms/tasks.py": TASKS + RECEIPT_TASK}
    for rel, text in {**base, **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = RepoIndex.build(tmp_path)
    return index, list(RULE.check(CheckContext(index)))


def test_kinds_of_bad_arguments(tmp_path: Path) -> None:
    code = (
        "from django.shortcuts import get_object_or_404\nfrom .models import Booking, Room\n"
        "from .tasks import send_receipt\n\n"
        "def a(request, pk):\n    booking = get_object_or_404(Booking, pk=pk)\n    send_receipt.delay(booking)\n"  # 7
        "    send_receipt.delay(request.user)\n"                                                               # 8
        "    send_receipt.delay(booking.room)\n"                                                               # 9
        "    send_receipt.delay(Room.objects.filter(checkins=0))\n"                                            # 10
        "    send_receipt.delay({booking.guest})\n"                                                            # 11
        "    with open('x.txt') as fh:\n        send_receipt.delay(fh)\n"                                      # 13
        "    send_receipt.delay(booking.pk, note=booking.guest)\n"
        "    send_receipt.delay(list(Room.objects.values_list('pk', flat=True)))\n"
        "    send_receipt.delay(booking.room_id)\n"
    )
    _, found = run(tmp_path, {"rooms/views.py": code})
    assert [f.line for f in found] == [7, 8, 9, 10, 11, 13]


def test_pickle_and_modern_json_types(tmp_path: Path) -> None:
    code = (
        "from decimal import Decimal\nfrom django.utils import timezone\nfrom .models import Room\n"
        "from .tasks import send_receipt\n\n"
        "def a(room_id):\n    room = Room.objects.get(pk=room_id)\n"
        "    send_receipt.delay(room.revenue, note=timezone.now())\n    send_receipt.delay(Decimal('1.5'))\n"
    )
    # kombu >= 5.3 encodes Decimal and datetime in JSON: quiet unless an older Celery is pinned
    assert run(tmp_path, {"rooms/jobs.py": code})[1] == []
    _, found = run(tmp_path, {"rooms/jobs.py": code, "requirements.txt": "Django==4.2\ncelery==5.2.7\n"})
    assert [f.line for f in found] == [8, 8, 9]
    (tmp_path / "requirements.txt").unlink()
    pickled = code.replace("send_receipt.delay(Decimal('1.5'))", "send_receipt.delay(room)")
    assert len(run(tmp_path, {"rooms/jobs.py": pickled})[1]) == 1
    assert run(tmp_path, {"rooms/jobs.py": pickled, "proj/__init__.py": "",
                          "proj/settings.py": "CELERY_TASK_SERIALIZER = 'pickle'\n"})[1] == []


def test_fix_changes_task_and_every_call_site(tmp_path: Path) -> None:
    index, found = run(tmp_path, {"rooms/checkout.py": CHECKOUT})
    assert [(f.file, f.line) for f in found] == [("rooms/checkout.py", 7), ("rooms/checkout.py", 13)]
    patch = RULE.fix(index, found[0])
    new = {c.path: c.new for c in patch.changes}
    assert set(new) == {"rooms/checkout.py", "rooms/tasks.py"}
    assert 'send_receipt.delay(booking.pk, note="thanks")' in new["rooms/checkout.py"]
    assert "send_receipt.apply_async(args=[booking.pk])" in new["rooms/checkout.py"]
    assert ('def send_receipt(booking_id, note=""):\n    """Email the guest their receipt."""\n'
            "    booking = Booking.objects.get(pk=booking_id)\n") in new["rooms/tasks.py"]


@pytest.mark.slow
def test_arguments_serialize_on_a_small_project(tmp_path: Path) -> None:
    repo = write_project(tmp_path / "deskbook", extra={
        "rooms/tasks.py": TASKS + RECEIPT_TASK, "rooms/checkout.py": CHECKOUT,
        "tests/test_checkout.py": CHECKOUT_TESTS,
    })
    result = fix_and_prove(repo, "WRK501")
    assert (result.finding.file, result.finding.symbol) == ("rooms/checkout.py", "check_out")
    # proven: deskbook's own tests pass on the buggy code, the regression test fails there and passes after
    assert result.proven, result.output
    assert "not JSON serializable" in result.failure_before, result.output
    assert 'send_receipt.delay(booking.pk, note="thanks")' in (repo / "rooms/checkout.py").read_text()


def test_unannotated_parameter_used_as_a_model_instance() -> None:
    from rootfix.check.testing import findings_for

    services = '''\
from .models import Invoice
from .tasks import send_invoice


def mark_sent(invoice):
    invoice.sent = True
    invoice.save(update_fields=["sent"])
    send_invoice.delay(invoice)


def resend(payload):
    send_invoice.delay(payload)


def refresh(invoice):
    invoice.refresh_from_db()
    send_invoice.delay(invoice.pk)
'''
    tasks = '''\
from celery import shared_task


@shared_task
def send_invoice(invoice):
    return invoice
'''
    models = '''\
from django.db import models


class Invoice(models.Model):
    sent = models.BooleanField(default=False)
'''
    found = findings_for("WRK501", {"billing/services.py": services, "billing/tasks.py": tasks,
                                    "billing/models.py": models}, all_code=True)
    assert [(f.symbol, f.line) for f in found] == [("mark_sent", 8)]


CAPACITY_TASK = '''

def _new_capacity(room, capacities):
    return capacities.get(room.pk, room.capacity)


@shared_task
def set_capacities(capacities):
    """Apply new capacities ({room id: capacity}); returns how many rooms were looked at."""
    seen = 0
    for room in Room.objects.all():
        Room.objects.filter(pk=room.pk).update(capacity=_new_capacity(room, capacities))
        seen += 1
    return seen
'''

CAPACITY_PLAN = '''\
from .models import Room
from .tasks import set_capacities


def grow_every_room():
    capacities = {room.pk: room.capacity + 1 for room in Room.objects.all()}
    set_capacities.delay(capacities)
    return len(capacities)
'''

CAPACITY_TESTS = '''\
from rooms.models import Room
from rooms.planning import grow_every_room


def test_grow_every_room(db):
    Room.objects.create(name="Oak", capacity=2)
    Room.objects.create(name="Elm", capacity=3)
    assert grow_every_room() == 2
'''


def test_int_keys_looked_up_in_a_helper_the_task_passes_them_to(tmp_path: Path) -> None:
    """The task only passes the dict on; the helper's ``capacities.get(room.pk)`` is the lookup
    that str keys break."""
    index, found = run(tmp_path, {"rooms/tasks.py": TASKS + RECEIPT_TASK + CAPACITY_TASK,
                                  "rooms/planning.py": CAPACITY_PLAN})
    assert [(f.file, f.line) for f in found] == [("rooms/planning.py", 7)]
    new = {c.path: c.new for c in RULE.fix(index, found[0]).changes}
    assert ("    capacities = {int(key): value for key, value in capacities.items()}  "
            "# JSON turns int keys into str\n") in new["rooms/tasks.py"]
    # the fix goes into the task, so the root cause a validated fix reports is the task
    from rootfix.localize import root_cause_for
    from rootfix.types import Candidate

    patch = RULE.fix(index, found[0])
    cause = root_cause_for(index, Candidate("rule:WRK501", patch, finding=found[0]), [])
    assert (cause.file, cause.symbol) == ("rooms/tasks.py", "set_capacities")
    # a helper that only iterates the dict does not rely on the keys' type
    quiet = CAPACITY_TASK.replace("return capacities.get(room.pk, room.capacity)",
                                  "return sum(capacities.values())")
    assert run(tmp_path, {"rooms/tasks.py": TASKS + RECEIPT_TASK + quiet, "rooms/planning.py": CAPACITY_PLAN})[1] == []


@pytest.mark.slow
def test_changed_arguments_that_only_change_the_rows_written_are_proven(tmp_path: Path) -> None:
    """The task returns the same with the sent and the delivered arguments; the rows it writes
    differ, and that is what the regression test shows."""
    repo = write_project(tmp_path / "deskbook", extra={
        "rooms/tasks.py": TASKS + RECEIPT_TASK + CAPACITY_TASK, "rooms/planning.py": CAPACITY_PLAN,
        "tests/test_planning.py": CAPACITY_TESTS,
    })
    assert pytest_run(repo)[0] == 0
    result = fix_and_prove(repo, "WRK501", file="rooms/planning.py")
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    assert "writes other rows in rooms.Room" in result.output
