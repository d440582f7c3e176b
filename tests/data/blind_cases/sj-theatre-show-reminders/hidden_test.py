"""Acceptance tests: each confirmed booking gets exactly one "see you tomorrow" reminder, however
many times the reminder job runs (a re-run after an outage, beat firing twice, a manual run), and
bookings made after a run still get theirs on the next run."""
from collections import Counter
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from boxoffice import emails
from boxoffice.jobs import send_pre_show_reminders
from boxoffice.tasks import pre_show_reminders
from tests.conftest import local

NOW = local(2024, 10, 11, 10, 0)


def recipients():
    return Counter(addr for m in mail.outbox for addr in m.to)


@pytest.mark.django_db
def test_rerun_same_morning_sends_no_duplicates(performance, book):
    matinee = performance(local(2024, 10, 12, 14, 30))
    evening = performance(local(2024, 10, 12, 19, 30))
    bookings = [book(matinee), book(matinee, seats="A1"), book(evening, seats="C4,C5,C6")]

    send_pre_show_reminders(now=NOW)
    send_pre_show_reminders(now=NOW)
    send_pre_show_reminders(now=NOW + timedelta(hours=2, minutes=15))

    assert recipients() == {b.patron.email: 1 for b in bookings}


@pytest.mark.django_db
def test_booking_made_after_the_run_gets_one_reminder(performance, book):
    perf = performance(local(2024, 10, 12, 19, 30))
    early = book(perf)
    send_pre_show_reminders(now=NOW)
    late = book(perf, seats="H1,H2")
    send_pre_show_reminders(now=NOW + timedelta(hours=3))
    send_pre_show_reminders(now=NOW + timedelta(hours=4))

    assert recipients() == {early.patron.email: 1, late.patron.email: 1}


@pytest.mark.django_db
def test_failed_email_is_retried_on_the_next_run(performance, book):
    perf = performance(local(2024, 10, 12, 19, 30))
    ok, flaky = book(perf), book(perf, seats="J7")
    real_send = emails.send_pre_show_reminder

    def smtp_down_for_flaky(booking):
        if booking.pk == flaky.pk:
            raise ConnectionRefusedError("smtp relay unavailable")
        return real_send(booking)

    with mock.patch.object(emails, "send_pre_show_reminder", side_effect=smtp_down_for_flaky):
        send_pre_show_reminders(now=NOW)
    send_pre_show_reminders(now=NOW + timedelta(minutes=30))

    assert recipients() == {ok.patron.email: 1, flaky.patron.email: 1}


@pytest.mark.django_db
def test_beat_task_and_manual_command_together(performance, book):
    perf = performance(timezone.localtime().replace(hour=19, minute=30, second=0, microsecond=0) + timedelta(days=1))
    a, b = book(perf), book(perf, seats="K1")

    pre_show_reminders.delay()
    pre_show_reminders.delay()
    call_command("run_boxoffice_job", "reminders", stdout=StringIO())

    assert recipients() == {a.patron.email: 1, b.patron.email: 1}
