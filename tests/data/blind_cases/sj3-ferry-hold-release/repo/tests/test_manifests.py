from datetime import timedelta

import pytest
from django.core import mail

from bookings.holds import confirm, hold_space
from bookings.jobs import send_manifests_job
from bookings.manifests import manifest_csv

from .conftest import NOW


@pytest.mark.django_db
def test_manifest_lists_confirmed_bookings_only(make_sailing):
    sailing = make_sailing(NOW + timedelta(hours=1))
    confirm(hold_space(sailing, lead_name="Ana Li", email="a@example.com", vehicles=1, vehicle_plate="KX 123",
                       now=NOW), now=NOW)
    hold_space(sailing, lead_name="Unpaid", email="u@example.com", now=NOW)
    text = manifest_csv(sailing)
    assert "Ana Li" in text and "KX 123" in text
    assert "Unpaid" not in text


@pytest.mark.django_db
def test_manifest_sent_once(make_sailing):
    soon = make_sailing(NOW + timedelta(minutes=60))
    make_sailing(NOW + timedelta(hours=5))

    assert send_manifests_job(now=NOW) == 1
    assert send_manifests_job(now=NOW + timedelta(minutes=10)) == 0
    soon.refresh_from_db()
    assert soon.manifest_sent_at == NOW
    assert len(mail.outbox) == 1
