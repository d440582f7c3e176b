"""Acceptance test: re-running the refill reminder job must not text anyone twice."""
import datetime
import io
import itertools
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from messaging.models import OutboundMessage
from pharmacy.models import Patient, Prescription, RefillReminder, Store
from pharmacy.tasks import send_refill_reminders

pytestmark = pytest.mark.django_db

_seq = itertools.count(1)


@pytest.fixture
def store():
    return Store.objects.create(code="HT01", name="Harbor Pharmacy", phone="(773) 555-0100")


def make_rx(store, due_in_days, *, opt_in=True):
    n = next(_seq)
    patient = Patient.objects.create(
        store=store,
        first_name="Test",
        last_name=f"Patient{n}",
        mobile=f"+1 773 555 {2000 + n:04d}",
        sms_opt_in=opt_in,
    )
    due = timezone.localdate() + datetime.timedelta(days=due_in_days)
    return Prescription.objects.create(
        patient=patient,
        rx_number=f"HT{900000 + n}",
        drug_name="Levothyroxine 50 mcg tablet",
        days_supply=30,
        refills_remaining=4,
        last_filled_on=due - datetime.timedelta(days=30),
        refill_due_on=due,
    )


def texts_per_number():
    return Counter(
        OutboundMessage.objects.filter(category="refill_reminder").values_list("to", flat=True)
    )


def number_of(rx):
    return "+1773555" + rx.patient.mobile[-4:]


class CrashOnSecondMessage:
    """Transport whose connection dies on the second message of the first run only."""

    calls = 0

    def send(self, to, body):
        type(self).calls += 1
        if type(self).calls == 2:
            raise ConnectionResetError("connection reset by peer")
        return f"ht-{type(self).calls}"


def test_running_the_job_twice_texts_each_patient_once(store):
    due = [make_rx(store, 0), make_rx(store, 1), make_rx(store, 3)]
    make_rx(store, 12)  # not due yet
    make_rx(store, 1, opt_in=False)

    send_refill_reminders()
    after_first = texts_per_number()
    reminders_first = RefillReminder.objects.count()
    send_refill_reminders()

    assert after_first == {number_of(rx): 1 for rx in due}
    assert texts_per_number() == after_first
    assert RefillReminder.objects.count() == reminders_first == 3
    for rx in due:
        assert RefillReminder.objects.filter(prescription=rx).count() == 1


def test_manual_rerun_after_scheduled_run_sends_nothing_new(store):
    due = [make_rx(store, 1), make_rx(store, 2)]

    send_refill_reminders()
    call_command("send_refill_reminders", stdout=io.StringIO())
    send_refill_reminders()

    assert texts_per_number() == {number_of(rx): 1 for rx in due}
    for rx in due:
        assert RefillReminder.objects.filter(prescription=rx).count() == 1


def test_rerun_still_reminds_prescriptions_that_came_due_since(store):
    first = make_rx(store, 2)
    send_refill_reminders()

    later = make_rx(store, 1)
    send_refill_reminders()

    assert texts_per_number() == {number_of(first): 1, number_of(later): 1}


def test_retry_after_a_crash_midway_does_not_text_anyone_twice(store, settings):
    rxs = [make_rx(store, 1), make_rx(store, 2), make_rx(store, 3)]
    CrashOnSecondMessage.calls = 0
    settings.SMS_TRANSPORT = f"{__name__}.CrashOnSecondMessage"

    send_refill_reminders()  # dies on the second patient
    send_refill_reminders()  # the retry

    counts = texts_per_number()
    assert max(counts.values()) == 1
    assert counts[number_of(rxs[0])] == 1
    assert counts[number_of(rxs[2])] == 1
