from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from billing import tasks as billing_tasks
from billing.gateway import MemoryGateway
from hire import tasks as hire_tasks
from hire.models import Branch, Customer, Rental, RentalLine, Tool

LONDON = ZoneInfo("Europe/London")


def london(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def clear_gateway():
    MemoryGateway.refunds.clear()
    yield
    MemoryGateway.refunds.clear()


class TaskRecorder:
    """Stands in for the broker: remembers what was queued, runs it on demand."""

    def __init__(self):
        self.sent = []

    def patch(self, monkeypatch, task):
        def apply_async(args=None, kwargs=None, **options):
            self.sent.append(SimpleNamespace(task=task, args=tuple(args or ()), kwargs=dict(kwargs or {}),
                                             options=options))
            return SimpleNamespace(id=f"recorded-{len(self.sent)}")
        monkeypatch.setattr(task, "apply_async", apply_async)

    def named(self, name):
        return [msg for msg in self.sent if msg.task.name == name]

    def run_all(self):
        done = 0
        while done < len(self.sent):
            msg = self.sent[done]
            msg.task.apply(args=msg.args, kwargs=msg.kwargs, throw=True)
            done += 1


@pytest.fixture
def queued(monkeypatch):
    recorder = TaskRecorder()
    for task in (billing_tasks.settle_rental, billing_tasks.refund_deposit,
                 hire_tasks.send_booking_confirmation, hire_tasks.send_overdue_notice):
        recorder.patch(monkeypatch, task)
    return recorder


@pytest.fixture
def branch(db):
    return Branch.objects.create(name="Toolshed Leeds", slug="leeds")


@pytest.fixture
def tools(branch):
    return {
        "SAW": Tool.objects.create(branch=branch, sku="SAW", name="Tile saw", day_rate=Decimal("24.00"),
                                   deposit=Decimal("80.00"), stock=2),
        "LAD": Tool.objects.create(branch=branch, sku="LAD", name="Extension ladder", category="access",
                                   day_rate=Decimal("12.50"), deposit=Decimal("40.00"), stock=3),
        "MIX": Tool.objects.create(branch=branch, sku="MIX", name="Cement mixer", category="plant",
                                   day_rate=Decimal("31.00"), deposit=Decimal("100.00"), stock=1),
    }


@pytest.fixture
def customer(db):
    return Customer.objects.create(name="Priya Nair", email="priya@example.com")


@pytest.fixture
def trade_customer(db):
    return Customer.objects.create(name="Halden Builders", email="accounts@halden.example",
                                   account=Customer.Account.TRADE, trade_discount_percent=15)


@pytest.fixture
def make_rental(branch, tools, customer):
    """A rental that is already out on hire (booked and picked up in the past)."""

    def make(lines=(("SAW", 1),), *, pickup_at=None, due_at=None, who=None):
        pickup_at = pickup_at or london(2024, 5, 10, 9, 0)
        due_at = due_at or london(2024, 5, 13, 17, 0)
        rental = Rental.objects.create(branch=branch, customer=who or customer, status=Rental.Status.OUT,
                                       pickup_at=pickup_at, due_at=due_at, picked_up_at=pickup_at)
        deposit = Decimal("0")
        for sku, qty in lines:
            tool = tools[sku]
            RentalLine.objects.create(rental=rental, tool=tool, quantity=qty, day_rate=tool.day_rate)
            deposit += tool.deposit * qty
        rental.deposit_held = deposit
        rental.hire_paid = Decimal("72.00")
        rental.save()
        return rental

    return make
