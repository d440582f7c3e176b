"""Acceptance tests: an overdue rental must be checked in and settled through the
real message path, where the settlement's arguments travel to the billing worker
as a JSON message (the project's configured serializer and accepted content).

A fake broker encodes every message exactly as kombu would for the task's
serializer, and the fake worker decodes it (refusing content the app does not
accept) before running the task.
"""
import json
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from kombu import serialization

from billing import tasks as billing_tasks
from billing.gateway import MemoryGateway
from billing.models import DepositRefund, Invoice, InvoiceLine
from hire.checkin import CheckInService
from hire.models import DamageReport, Rental
from toolshed.celery import app

from .conftest import london


class JsonBroker:
    def __init__(self):
        self.messages = []

    def patch(self, monkeypatch, task):
        def apply_async(args=None, kwargs=None, **options):
            serializer = options.get("serializer") or task.serializer or app.conf.task_serializer
            content_type, encoding, body = serialization.dumps(
                (list(args or ()), dict(kwargs or {})), serializer)
            self.messages.append(SimpleNamespace(task=task, content_type=content_type, encoding=encoding,
                                                 body=body))
            return SimpleNamespace(id=f"json-{len(self.messages)}")
        monkeypatch.setattr(task, "apply_async", apply_async)

    def named(self, name):
        return [msg for msg in self.messages if msg.task.name == name]

    def run_worker(self):
        accept = serialization.prepare_accept_content(app.conf.accept_content)
        done = 0
        while done < len(self.messages):
            msg = self.messages[done]
            args, kwargs = serialization.loads(msg.body, msg.content_type, msg.encoding, accept=accept)
            msg.task.apply(args=args, kwargs=kwargs, throw=True)
            done += 1


@pytest.fixture
def broker(monkeypatch):
    fake = JsonBroker()
    fake.patch(monkeypatch, billing_tasks.settle_rental)
    fake.patch(monkeypatch, billing_tasks.refund_deposit)
    return fake


def _late_lines(invoice):
    return list(invoice.lines.filter(kind=InvoiceLine.Kind.LATE).order_by("pk"))


@pytest.mark.django_db(transaction=True)
def test_overdue_return_is_settled_with_a_fee_per_late_day(make_rental, broker):
    rental = make_rental([("SAW", 1), ("LAD", 1)], due_at=london(2024, 5, 13, 17, 0))  # due Monday

    CheckInService(rental, clerk="sam").check_in(returned_at=london(2024, 5, 16, 10, 0))  # back Thursday

    assert Rental.objects.get(pk=rental.pk).status == Rental.Status.RETURNED
    assert len(broker.named("billing.tasks.settle_rental")) == 1
    broker.run_worker()

    invoice = Invoice.objects.get(rental=rental)
    late = _late_lines(invoice)
    assert [line.amount for line in late] == [Decimal("36.50")] * 3
    text = " ".join(line.description for line in late)
    for day in ("2024-05-14", "2024-05-15", "2024-05-16"):
        assert day in text
    assert invoice.extras_total == Decimal("109.50")
    assert invoice.deposit_applied == Decimal("109.50")
    assert invoice.refund_due == Decimal("10.50")
    assert Rental.objects.get(pk=rental.pk).status == Rental.Status.SETTLED
    refund = DepositRefund.objects.get(rental=rental)
    assert refund.status == DepositRefund.Status.SENT
    assert [r["amount"] for r in MemoryGateway.refunds] == [Decimal("10.50")]


@pytest.mark.django_db(transaction=True)
def test_overdue_return_with_damage_through_the_counter_api(client, make_rental, broker):
    rental = make_rental([("MIX", 1)], due_at=london(2024, 5, 11, 17, 0))  # due Saturday
    line = rental.lines.get()

    resp = client.post(
        f"/api/rentals/{rental.pk}/checkin/",
        data=json.dumps({
            "clerk": "jo",
            "returned_at": london(2024, 5, 14, 9, 30).isoformat(),  # back Tuesday, Sunday is free
            "damage": [{"line_id": line.pk, "fee": "25.00", "note": "bent drum paddle"}],
        }),
        content_type="application/json",
    )
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "returned"

    broker.run_worker()
    invoice = Invoice.objects.get(rental=rental)
    late = _late_lines(invoice)
    assert [line.amount for line in late] == [Decimal("31.00"), Decimal("31.00")]
    assert "2024-05-12" not in " ".join(line.description for line in late)
    damage = invoice.lines.get(kind=InvoiceLine.Kind.DAMAGE)
    assert damage.amount == Decimal("25.00")
    assert invoice.extras_total == Decimal("87.00")
    assert invoice.refund_due == Decimal("13.00")
    assert client.get(f"/api/rentals/{rental.pk}/").json()["status"] == "settled"


@pytest.mark.django_db(transaction=True)
def test_resettle_command_settles_an_overdue_rental_left_without_invoice(make_rental, broker):
    rental = make_rental([("SAW", 1)], due_at=london(2024, 5, 13, 17, 0))
    Rental.objects.filter(pk=rental.pk).update(status=Rental.Status.RETURNED, checked_in_by="sam",
                                               returned_at=london(2024, 5, 15, 8, 15))
    DamageReport.objects.create(rental=rental, line=rental.lines.get(), fee=Decimal("12.00"),
                                note="chipped table", reported_by="sam")

    out = StringIO()
    call_command("resettle_rental", str(rental.pk), stdout=out)
    assert "1 settlement(s) queued" in out.getvalue()

    broker.run_worker()
    invoice = Invoice.objects.get(rental=rental)
    assert [line.amount for line in _late_lines(invoice)] == [Decimal("24.00"), Decimal("24.00")]
    assert invoice.extras_total == Decimal("60.00")
    assert invoice.refund_due == Decimal("20.00")


@pytest.mark.django_db(transaction=True)
def test_on_time_return_still_settles(make_rental, broker):
    rental = make_rental([("LAD", 2)])
    CheckInService(rental, clerk="sam").check_in(returned_at=london(2024, 5, 13, 16, 0))
    broker.run_worker()
    invoice = Invoice.objects.get(rental=rental)
    assert not _late_lines(invoice)
    assert invoice.refund_due == Decimal("80.00")
