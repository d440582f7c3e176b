from datetime import timedelta

import pytest
from django.utils import timezone

from clinic.models import Appointment
from clinic.sms import normalise_phone
from clinic.tasks import send_appointment_reminders


def test_normalise_phone():
    assert normalise_phone("(312) 555-0199") == "+13125550199"
    assert normalise_phone("0044 20 7946 0000") == "+442079460000"


@pytest.mark.django_db
def test_reminders_for_tomorrow_only(appointment):
    tomorrow_noon = timezone.localtime().replace(hour=12, minute=0) + timedelta(days=1)
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=tomorrow_noon)
    assert send_appointment_reminders() == 1
    assert send_appointment_reminders() == 0
    assert Appointment.objects.get(pk=appointment.pk).reminder_sent_at is not None
