from datetime import date
from decimal import Decimal

import pytest

from rates.channel import push_rates
from rates.models import NightlyRate, RateSheetUpload
from rates.tasks import import_uploaded_sheet


class FakeClient:
    def __init__(self):
        self.calls = []

    def send(self, property_id, payload):
        self.calls.append((property_id, payload))


@pytest.mark.django_db
def test_uploaded_sheet_is_imported(hostel):
    upload = RateSheetUpload.objects.create(property=hostel, file_name="aug.csv", uploaded_by="rita",
                                            content="room_type,night,amount\nTWN,2024-08-03,99\n")
    assert import_uploaded_sheet(upload.pk) == "imported"
    upload.refresh_from_db()
    assert upload.batch is not None and upload.processed_at is not None
    assert NightlyRate.objects.get().amount == Decimal("99.00")


@pytest.mark.django_db
def test_rejected_upload_keeps_the_error(hostel):
    upload = RateSheetUpload.objects.create(property=hostel, file_name="aug.csv", uploaded_by="rita",
                                            content="room_type,night,amount\nTWN,2024-08-03,9\n")
    assert import_uploaded_sheet(upload.pk) == "failed"
    upload.refresh_from_db()
    assert "line 2" in upload.error and "outside 55.00..240.00" in upload.error


@pytest.mark.django_db
def test_push_marks_rates_pushed(hostel, room, settings):
    settings.RATEDESK = {**settings.RATEDESK, "CHANNEL_PUSH_CHUNK": 2}
    for day in (1, 2, 3):
        NightlyRate.objects.create(room_type=room("DBL"), night=date(2024, 9, day), amount=Decimal("120.00"))
    client = FakeClient()
    assert push_rates(hostel, client=client) == 3
    assert [len(payload) for _, payload in client.calls] == [2, 1]
    assert client.calls[0][1][0] == {"room": "cm-8812-01", "date": "2024-09-01", "price": "120.00",
                                     "currency": "EUR", "min_los": 1, "stop_sell": False}
    assert push_rates(hostel, client=client) == 0
