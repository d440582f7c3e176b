import pytest
from django.core import mail
from django.core.management import call_command

from notify.tasks import send_class_reminders, send_waitlist_promotion
from studios.models import Booking, Member
from studios.services import BookingError, book_class, cancel_booking


@pytest.mark.django_db
def test_booking_is_confirmed(spin_class, member):
    booking = book_class(member, spin_class.pk)
    assert booking.status == Booking.Status.CONFIRMED
    assert spin_class.bookings.count() == 1


@pytest.mark.django_db
def test_full_class_goes_to_waitlist_and_gets_promoted(spin_class, member):
    book_class(member, spin_class.pk)
    other = Member.objects.create(name="Ben", email="ben@example.org")
    waiting = book_class(other, spin_class.pk)
    assert waiting.status == Booking.Status.WAITLIST
    cancel_booking(Booking.objects.get(member=member).pk)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert send_waitlist_promotion(waiting.pk) == waiting.pk
    assert [m.subject for m in mail.outbox] == ["A place opened up: Spin 45"]


@pytest.mark.django_db
def test_double_booking_is_refused(spin_class, member):
    Booking.objects.create(member=member, fitness_class=spin_class, status=Booking.Status.CONFIRMED)
    with pytest.raises(BookingError):
        book_class(member, spin_class.pk)


@pytest.mark.django_db
def test_reminders_go_out_once(spin_class, member):
    Booking.objects.create(member=member, fitness_class=spin_class, status=Booking.Status.CONFIRMED)
    assert send_class_reminders() == 1
    assert send_class_reminders() == 0


@pytest.mark.django_db
def test_roster(spin_class, member, capsys):
    Booking.objects.create(member=member, fitness_class=spin_class, status=Booking.Status.CONFIRMED)
    call_command("class_roster", spin_class.pk)
    assert "* Lea <lea@example.org> confirmed" in capsys.readouterr().out
