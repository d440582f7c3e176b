import datetime
from decimal import Decimal

import pytest

from messaging.gateway import SmsGateway
from messaging.models import OutboundMessage
from messaging.transports import TransportError
from pharmacy.models import Prescription, RefillReminder
from pharmacy.services import FillService, RefillReminderService
from pharmacy.tasks import send_refill_reminders

pytestmark = pytest.mark.django_db


class FlakyTransport:
    """Refuses messages to the given numbers, accepts the rest."""

    def __init__(self, refuse):
        self.refuse = set(refuse)
        self.sent = []

    def send(self, to, body):
        if to in self.refuse:
            raise TransportError("30006 landline or unreachable carrier")
        self.sent.append((to, body))
        return f"tl-{len(self.sent)}"


def test_reminds_patients_with_refills_coming_due(make_rx):
    due_soon = make_rx(due_in_days=2)
    due_today = make_rx(due_in_days=0)
    make_rx(due_in_days=10)  # too early
    make_rx(due_in_days=-1)  # overdue: pharmacist calls these

    send_refill_reminders()

    reminded = set(
        RefillReminder.objects.filter(status=RefillReminder.Status.SENT).values_list(
            "prescription__rx_number", flat=True
        )
    )
    assert reminded == {due_soon.rx_number, due_today.rx_number}
    assert OutboundMessage.objects.filter(category="refill_reminder").count() == 2


def test_skips_opted_out_inactive_and_exhausted_prescriptions(make_rx, make_patient):
    make_rx(patient=make_patient(sms_opt_in=False))
    make_rx(refills_remaining=0)
    make_rx(status=Prescription.Status.TRANSFERRED)
    no_phone = make_rx(patient=make_patient(mobile=""))

    summary = RefillReminderService().run()

    assert summary.sent == 0
    assert summary.skipped == 1
    assert not RefillReminder.objects.filter(prescription=no_phone).exists()
    assert OutboundMessage.objects.count() == 0


def test_message_has_rx_number_and_store_phone_but_no_drug_name(make_rx):
    rx = make_rx(due_in_days=1, drug_name="Sertraline 50 mg tablet")

    RefillReminderService().run()

    message = OutboundMessage.objects.get(category="refill_reminder")
    assert message.to.startswith("+1312")
    assert f"Rx #{rx.rx_number}" in message.body
    assert "(312) 555-0199" in message.body
    assert "Sertraline" not in message.body
    assert message.reference == f"rx:{rx.rx_number}"


def test_provider_refusal_is_recorded_and_does_not_stop_the_run(make_rx, make_patient):
    landline = make_patient(mobile="+1 312 555 0000")
    bad = make_rx(patient=landline)
    good = make_rx()
    transport = FlakyTransport(refuse={"+13125550000"})

    summary = RefillReminderService(gateway=SmsGateway(transport=transport)).run()

    assert (summary.sent, summary.failed) == (1, 1)
    failed = RefillReminder.objects.get(prescription=bad)
    assert failed.status == RefillReminder.Status.FAILED
    assert "landline" in failed.error
    assert RefillReminder.objects.get(prescription=good).status == RefillReminder.Status.SENT
    assert OutboundMessage.objects.filter(status=OutboundMessage.Status.REJECTED).count() == 1


def test_next_refill_cycle_gets_its_own_reminder(make_rx, today):
    rx = make_rx(due_in_days=2, days_supply=30)
    service = RefillReminderService()

    service.run(today=today)
    # Patient picks up the refill on the due date; the next one is due 30 days later.
    FillService().record_fill(rx, filled_on=today + datetime.timedelta(days=2), quantity=Decimal("30"))
    rx.refresh_from_db()
    assert rx.refill_due_on == today + datetime.timedelta(days=32)
    service.run(today=today + datetime.timedelta(days=30))

    reminders = RefillReminder.objects.filter(prescription=rx).order_by("due_on")
    assert [r.due_on for r in reminders] == [
        today + datetime.timedelta(days=2),
        today + datetime.timedelta(days=32),
    ]
    assert all(r.status == RefillReminder.Status.SENT for r in reminders)
