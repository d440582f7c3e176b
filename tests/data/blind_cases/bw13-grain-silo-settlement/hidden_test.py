"""Acceptance tests: approving a settlement sends the member their statement through the
real queue (message encoded by the broker, decoded and run as the worker would), with the
right amounts -- including settlements that carry drying charges and levies."""
import queue
from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal

import dramatiq
import pytest
from django.core import mail
from dramatiq import Message

from intake.models import Crop, Delivery, Farmer, Silo
from settlements.calculation import build_settlement
from settlements.models import Settlement, Statement
from settlements.services import approve_settlement

SEPT = datetime(2024, 9, 10, 15, 30, tzinfo=dt_timezone.utc)
SEP_1, SEP_30 = date(2024, 9, 1), date(2024, 9, 30)


def run_all_queued(broker):
    """Pop every encoded message off the stub broker, decode it and run its actor."""
    ran = []
    for _ in range(200):
        for q in list(broker.queues.values()):
            try:
                data = q.get_nowait()
            except queue.Empty:
                continue
            message = Message.decode(data)
            broker.get_actor(message.actor_name).fn(*message.args, **message.kwargs)
            ran.append(message.actor_name)
            break
        else:
            return ran
    raise AssertionError("queue never drained")


@pytest.fixture
def broker():
    b = dramatiq.get_broker()
    b.flush_all()
    yield b
    b.flush_all()


@pytest.fixture
def setup(db):
    silo = Silo.objects.create(code="RSV", name="Rosetown Valley terminal", capacity_tonnes=24000)
    canola = Crop.objects.create(code="CAN", name="Canola", base_moisture_pct=Decimal("10.0"),
                                 drying_rate=Decimal("3.00"), levy_per_tonne=Decimal("1.25"),
                                 price_per_tonne=Decimal("650.00"))
    wheat = Crop.objects.create(code="CWRS", name="Spring wheat", base_moisture_pct=Decimal("14.5"),
                                drying_rate=Decimal("2.50"), price_per_tonne=Decimal("312.00"))
    counter = {"n": 0}

    def deliver(farmer, crop, gross, tare, moisture, dockage="0"):
        counter["n"] += 1
        return Delivery.objects.create(ticket_no=f"RSV-{24000 + counter['n']}", farmer=farmer, silo=silo,
                                       crop=crop, gross_kg=gross, tare_kg=tare, moisture_pct=Decimal(moisture),
                                       dockage_pct=Decimal(dockage), delivered_at=SEPT)

    return canola, wheat, deliver


def approve_and_run(settlement, broker, capture):
    with capture(execute=True):
        approve_settlement(settlement, approved_by="grain.accountant")
    run_all_queued(broker)


@pytest.mark.django_db
def test_wet_canola_statement_is_sent_with_deductions(setup, broker, django_capture_on_commit_callbacks):
    canola, _, deliver = setup
    farmer = Farmer.objects.create(member_no="M-1042", name="Dale Kowalchuk", email="dale@kowalchukfarms.example")
    deliver(farmer, canola, 38460, 14220, "12.0", dockage="1.5")
    deliver(farmer, canola, 40100, 14300, "9.5", dockage="1.0")
    settlement = build_settlement(farmer, canola, SEP_1, SEP_30)

    approve_and_run(settlement, broker, django_capture_on_commit_callbacks)

    settlement.refresh_from_db()
    assert settlement.status == Settlement.Status.APPROVED
    statement = Statement.objects.get(settlement=settlement)
    assert statement.net_payable == Decimal("31536.91")
    assert statement.deductions_total == Decimal("206.49")
    assert statement.emailed_to == "dale@kowalchukfarms.example"
    assert [m.to for m in mail.outbox] == [["dale@kowalchukfarms.example"]]
    body = mail.outbox[0].body
    assert "31,743.40" in body  # gross value
    assert "145.44" in body  # drying charge
    assert "61.05" in body  # levy
    assert "31,536.91" in body  # net payable


@pytest.mark.django_db
def test_batch_of_mixed_settlements_all_get_statements(setup, broker, django_capture_on_commit_callbacks):
    canola, wheat, deliver = setup
    dry = Farmer.objects.create(member_no="M-1001", name="Irene Bauer", email="irene@bauer.example")
    wet = Farmer.objects.create(member_no="M-1002", name="Lars Nystrom", email="lars@nystrom.example")
    deliver(dry, wheat, 41200, 14900, "13.8")
    deliver(wet, wheat, 40750, 14880, "16.5", dockage="0.5")
    deliver(wet, canola, 39010, 14100, "9.0")
    settlements = [build_settlement(f, c, SEP_1, SEP_30) for f, c in ((dry, wheat), (wet, wheat), (wet, canola))]

    for s in settlements:
        approve_and_run(s, broker, django_capture_on_commit_callbacks)

    statements = {st.settlement_id: st for st in Statement.objects.all()}
    assert set(statements) == {s.pk for s in settlements}
    for s in settlements:
        s.refresh_from_db()
        assert statements[s.pk].net_payable == s.net_payable
        assert statements[s.pk].deductions_total == s.deductions_total
    wet_wheat = settlements[1]
    assert wet_wheat.deductions.filter(code="DRY").exists()
    assert statements[wet_wheat.pk].deductions_total == Decimal("129.35")
    assert sorted(m.to[0] for m in mail.outbox) == ["irene@bauer.example", "lars@nystrom.example",
                                                    "lars@nystrom.example"]


@pytest.mark.django_db
def test_admin_approve_and_send_action(setup, broker, client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    canola, wheat, deliver = setup
    dry = Farmer.objects.create(member_no="M-1001", name="Irene Bauer", email="irene@bauer.example")
    wet = Farmer.objects.create(member_no="M-1042", name="Dale Kowalchuk", email="dale@kowalchukfarms.example")
    deliver(dry, wheat, 41200, 14900, "13.8")
    deliver(wet, canola, 38460, 14220, "12.0", dockage="1.5")
    settlements = [build_settlement(dry, wheat, SEP_1, SEP_30), build_settlement(wet, canola, SEP_1, SEP_30)]
    client.force_login(User.objects.create_superuser("accountant", "acc@pvgrain.example", "pw"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/settlements/settlement/", {
            "action": "approve_and_send", "_selected_action": [s.pk for s in settlements]}, follow=True)
    assert response.status_code == 200
    run_all_queued(broker)

    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors == []
    by_settlement = {st.settlement_id: st for st in Statement.objects.all()}
    assert set(by_settlement) == {s.pk for s in settlements}
    canola_statement = by_settlement[settlements[1].pk]
    # 23.294 t clean @ 650.00 = 15,141.10; drying 145.44; levy 29.12
    assert canola_statement.deductions_total == Decimal("174.56")
    assert canola_statement.net_payable == Decimal("14966.54")
    assert sorted(m.to[0] for m in mail.outbox) == ["dale@kowalchukfarms.example", "irene@bauer.example"]
