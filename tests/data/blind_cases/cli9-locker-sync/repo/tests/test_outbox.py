from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from notify import outbox
from notify.models import OutboxMessage


def make_message(**kw):
    fields = dict(channel=OutboxMessage.Channel.EMAIL, to="sanne@example.nl", subject="Ready", body="code 123456",
                  template="pickup_code", parcel_ref="3SABC0001")
    fields.update(kw)
    return OutboxMessage.objects.create(**fields)


@pytest.mark.django_db
def test_drain_outbox_single_pass_sends_email():
    make_message()
    out = StringIO()
    call_command("drain_outbox", stdout=out)
    assert "sent 1, failed 0" in out.getvalue()
    assert mail.outbox[0].to == ["sanne@example.nl"]
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


@pytest.mark.django_db
def test_sms_failure_is_retried_then_marked_failed(monkeypatch, settings):
    settings.PARCELS = {**settings.PARCELS, "OUTBOX_MAX_ATTEMPTS": 2}

    def boom(to, text):
        raise outbox.SendError("gateway timeout")

    monkeypatch.setattr(outbox, "send_sms", boom)
    msg = make_message(channel=OutboxMessage.Channel.SMS, to="+31612345678")
    assert outbox.send_pending() == (0, 0)
    msg.refresh_from_db()
    assert msg.status == OutboxMessage.Status.PENDING and msg.attempts == 1
    assert outbox.send_pending() == (0, 1)
    msg.refresh_from_db()
    assert msg.status == OutboxMessage.Status.FAILED and msg.last_error == "gateway timeout"
