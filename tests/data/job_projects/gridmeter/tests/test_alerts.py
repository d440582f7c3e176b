from datetime import date

import pytest
from django.core import mail

from meters.alerts import email_usage_alerts
from meters.models import Meter, UsageAlert


@pytest.mark.django_db
def test_owner_is_emailed_about_last_weeks_high_usage():
    meter = Meter.objects.create(ean="871234567890123457", owner_email="owner@example.org")
    UsageAlert.objects.create(meter=meter, day=date(2024, 3, 4), kwh="88.000")
    UsageAlert.objects.create(meter=meter, day=date(2024, 1, 2), kwh="91.000")
    email_usage_alerts(today=date(2024, 3, 6))
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
