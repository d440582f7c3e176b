import queue
from datetime import datetime, timezone as dt_timezone
from decimal import Decimal

import dramatiq
import pytest
from dramatiq import Message

import intake.tasks  # noqa: F401  (declare the actors)
import settlements.tasks  # noqa: F401
from intake.models import Crop, Delivery, Farmer, Silo

SEPT = datetime(2024, 9, 10, 15, 30, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def stub_broker():
    broker = dramatiq.get_broker()
    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def run_queued(stub_broker):
    """Run every queued message in this thread, the way a worker would after decoding it."""

    def _run():
        ran = []
        while True:
            for q in list(stub_broker.queues.values()):
                try:
                    data = q.get_nowait()
                except queue.Empty:
                    continue
                message = Message.decode(data)
                stub_broker.get_actor(message.actor_name).fn(*message.args, **message.kwargs)
                ran.append(message.actor_name)
                break
            else:
                return ran

    return _run


@pytest.fixture
def farmer(db):
    return Farmer.objects.create(member_no="M-1042", name="Dale Kowalchuk", email="dale@kowalchukfarms.example")


@pytest.fixture
def silo(db):
    return Silo.objects.create(code="RSV", name="Rosetown Valley terminal", capacity_tonnes=24000)


@pytest.fixture
def wheat(db):
    return Crop.objects.create(code="CWRS", name="Spring wheat", base_moisture_pct=Decimal("14.5"),
                               drying_rate=Decimal("2.50"), price_per_tonne=Decimal("312.00"))


@pytest.fixture
def canola(db):
    return Crop.objects.create(code="CAN", name="Canola", base_moisture_pct=Decimal("10.0"),
                               drying_rate=Decimal("3.00"), levy_per_tonne=Decimal("1.25"),
                               price_per_tonne=Decimal("650.00"))


@pytest.fixture
def make_delivery(farmer, silo):
    counter = {"n": 0}

    def _make(crop, gross_kg, tare_kg, moisture, dockage="0", delivered_at=SEPT, who=None):
        counter["n"] += 1
        return Delivery.objects.create(
            ticket_no=f"RSV-{24000 + counter['n']}", farmer=who or farmer, silo=silo, crop=crop,
            gross_kg=gross_kg, tare_kg=tare_kg, moisture_pct=Decimal(moisture), dockage_pct=Decimal(dockage),
            delivered_at=delivered_at,
        )

    return _make
