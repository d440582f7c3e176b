from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from charging.models import ChargingSession
from charging.tasks import send_monthly_site_statements

from .conftest import local


@pytest.mark.django_db
def test_monthly_statements_go_to_hosts_with_email(make_session):
    make_session("DE*VPK*E0101*1", local(2024, 2, 14, 19), energy_wh=20_000, amount="11.80")
    make_session("DE*VPK*E0102*1", local(2024, 2, 20, 7), energy_wh=30_000, amount="20.70")
    make_session("DE*VPK*E0201*1", local(2024, 2, 21, 7), energy_wh=7_000)  # host without email

    assert send_monthly_site_statements(as_of="2024-03-01") == 1

    message = mail.outbox[0]
    assert message.to == ["abrechnung@parkhaus-altona.example"]
    assert message.subject == "VoltPark usage statement February 2024 - HH-ALT01"
    assert "charging sessions:   2" in message.body
    assert "energy delivered:    50.000 kWh" in message.body
    assert "EUR 15.00" in message.body
    assert message.attachments[0][0] == "voltpark_HH-ALT01_2024-02.csv"


@pytest.mark.django_db
def test_no_statement_without_sessions(sites):
    assert send_monthly_site_statements(as_of="2024-03-01") == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_close_stale_sessions(make_session):
    now = timezone.now()
    stale = make_session("DE*VPK*E0101*1", None, status=ChargingSession.Status.ACTIVE)
    ChargingSession.objects.filter(pk=stale.pk).update(last_meter_at=now - timedelta(hours=30), energy_wh=6_000)
    fresh = make_session("DE*VPK*E0102*1", None, status=ChargingSession.Status.ACTIVE)
    ChargingSession.objects.filter(pk=fresh.pk).update(last_meter_at=now - timedelta(hours=1))

    out = StringIO()
    call_command("close_stale_sessions", "--dry-run", stdout=out)
    assert "would close 1 stale session(s)" in out.getvalue()
    assert ChargingSession.objects.get(pk=stale.pk).status == ChargingSession.Status.ACTIVE

    call_command("close_stale_sessions", stdout=StringIO())
    stale.refresh_from_db()
    assert stale.status == ChargingSession.Status.TIMED_OUT
    assert stale.ended_at == stale.last_meter_at
    assert stale.energy_amount == Decimal("3.54")


@pytest.mark.django_db
def test_recompute_session_costs(make_session):
    session = make_session("DE*VPK*E0102*1", local(2024, 3, 31, 22, 40), energy_wh=10_000, amount="0.00")
    other = make_session("DE*VPK*E0102*1", local(2024, 4, 1, 0, 30), energy_wh=10_000, amount="0.00")
    out = StringIO()
    call_command("recompute_session_costs", "--from", "2024-03-01", "--to", "2024-03-31", stdout=out)
    assert "re-priced 1 session(s)" in out.getvalue()
    session.refresh_from_db()
    other.refresh_from_db()
    assert session.energy_amount == Decimal("6.90")
    assert other.energy_amount == Decimal("0.00")
