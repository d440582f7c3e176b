from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from boarding.models import Pet, Stay

from .conftest import vaccinate


@pytest.mark.django_db
def test_vaccination_reminders(owner, dog, make_stay, mailoutbox):
    rolo = Pet.objects.create(owner=owner, name="Rolo")
    vaccinate(rolo, kinds=["rabies"])
    make_stay(rolo, starts_in_days=7)
    make_stay(dog, starts_in_days=3)
    out = StringIO()
    call_command("send_vaccination_reminders", "--days", "14", stdout=out)
    assert "Rolo (priya@example.org): bordetella, dhpp" in out.getvalue()
    assert "1 owners reminded" in out.getvalue()
    assert len(mailoutbox) == 1
    assert "bordetella, dhpp" in mailoutbox[0].body


@pytest.mark.django_db
def test_booking_confirmation_sent(dog, make_stay, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_stay(dog, starts_in_days=10)
    assert mailoutbox[0].subject == "Barkley Lodge: booking for Biscuit confirmed"


@pytest.mark.django_db
def test_release_no_shows(dog, make_stay):
    late = make_stay(dog, starts_in_days=-3)
    make_stay(dog, starts_in_days=0)
    out = StringIO()
    call_command("release_no_shows", "--dry-run", stdout=out)
    assert "1 stays would be released" in out.getvalue()
    call_command("release_no_shows", stdout=StringIO())
    late.refresh_from_db()
    assert late.status == Stay.Status.NO_SHOW
    assert Stay.objects.filter(status=Stay.Status.BOOKED).count() == 1
