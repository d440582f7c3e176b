from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core import mail

from outbox.dispatch import flush
from outbox.gateways import GatewayError
from outbox.models import OutboxMessage

NOW = datetime(2024, 6, 12, 14, 0, tzinfo=dt_timezone.utc)


class DownGateway:
    def send(self, to, text):
        raise GatewayError("503 Service Unavailable")


@pytest.mark.django_db
def test_flush_sends_sms_and_email(sms_sent):
    OutboxMessage.objects.create(kind="x", channel="sms", recipient="+14165550001", body="hello")
    OutboxMessage.objects.create(kind="x", channel="email", recipient="a@example.org", subject="Hi", body="hello")
    assert flush(now=NOW) == (2, 0)
    assert sms_sent == [("+14165550001", "hello")]
    assert mail.outbox[0].to == ["a@example.org"]
    assert flush(now=NOW + timedelta(minutes=1)) == (0, 0)


@pytest.mark.django_db
def test_failed_sms_is_retried_later(settings):
    settings.OUTBOX_SMS_GATEWAY = "tests.test_outbox.DownGateway"
    msg = OutboxMessage.objects.create(kind="x", channel="sms", recipient="+14165550001", body="hello")
    assert flush(now=NOW) == (0, 1)
    msg.refresh_from_db()
    assert msg.attempts == 1 and msg.sent_at is None and "503" in msg.last_error
    assert msg.send_after == NOW + timedelta(minutes=5)
    assert flush(now=NOW + timedelta(minutes=1)) == (0, 0)


@pytest.mark.django_db
def test_flush_task_runs_eagerly(sms_sent):
    from outbox.tasks import flush_outbox

    OutboxMessage.objects.create(kind="x", channel="sms", recipient="+14165550002", body="hi")
    assert flush_outbox.delay().get() == {"sent": 1, "failed": 0}
