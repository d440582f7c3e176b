from datetime import timedelta

import pytest
from django.core import mail

from owners.models import Boat
from owners.services import RegistrationError, register_boat, update_documents
from owners.tasks import send_document_reminder, document_expiry_sweep

pytestmark = pytest.mark.django_db(databases="__all__")


def test_register_boat_and_size(today):
    boat = register_boat(owner_email="Jan@Example.nl", owner_name="Jan", name="Albatros", length_m=14,
                         insurance_valid_until=today + timedelta(days=100),
                         registration_valid_until=today + timedelta(days=100))
    assert boat.owner.email == "jan@example.nl"
    assert boat.berth_class() == "large"
    with pytest.raises(RegistrationError):
        register_boat(owner_email="jan@example.nl", owner_name="Jan", name="albatros")


def test_sailboats_need_no_registration(owner, today):
    yacht = Boat.objects.create(owner=owner, name="Zwaluw", kind=Boat.Kind.SAIL,
                                insurance_valid_until=today + timedelta(days=10))
    assert yacht.documents_valid_through(today + timedelta(days=10))
    assert not yacht.documents_valid_through(today + timedelta(days=11))
    motor = Boat.objects.create(owner=owner, name="Snip", kind=Boat.Kind.MOTOR,
                                insurance_valid_until=today + timedelta(days=10))
    assert not motor.documents_valid_through(today)


def test_sweep_reminds_once(make_boat, today):
    make_boat("Zeemeeuw", valid_days=12)
    make_boat("Pip", valid_days=200)
    mail.outbox.clear()
    assert document_expiry_sweep() == 1
    assert document_expiry_sweep() == 0
    assert "Zeemeeuw's documents expire" in mail.outbox[0].subject


def test_reminder_without_records(owner):
    boat = Boat.objects.create(owner=owner, name="Nova")
    assert send_document_reminder(boat.pk) == "no-records"


def test_update_documents(make_boat, today):
    boat = make_boat(valid_days=5)
    boat = update_documents(boat, insurance_valid_until=today + timedelta(days=400))
    assert boat.insurance_valid_until == today + timedelta(days=400)
