from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.jobs import send_lapse_nudges
from members.models import Member
from members.services import SignupError, sign_up

pytestmark = pytest.mark.django_db


def test_lapse_nudges_once_a_month(gyms, make_member):
    lapsing = make_member("Sam", at_risk=True, last_visit_on=timezone.localdate() - timedelta(days=40),
                          favorite_gym=gyms["golden"])
    make_member("Kim", at_risk=False)
    make_member("Lee", at_risk=True, lapse_nudged_on=timezone.localdate() - timedelta(days=3))

    assert send_lapse_nudges() == 1
    assert mail.outbox[0].to == [lapsing.email]
    assert "Crux Golden" in mail.outbox[0].body
    assert send_lapse_nudges() == 0


def test_sign_up_enqueues_welcome_mail(gyms, monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr("members.services.enqueue", lambda func, *args, **kw: queued.append((func, args)))
    with django_capture_on_commit_callbacks(execute=True):
        member = sign_up(first_name="Ada", last_name="Ondra", email="Ada@Example.com", home_gym=gyms["rino"],
                         plan=Member.Plan.PUNCH)
    assert member.membership_no == "CX000001"
    assert member.punches_left == 10
    assert queued == [("members.jobs.send_welcome_email", (member.pk,))]
    with pytest.raises(SignupError):
        sign_up(first_name="Ada", last_name="Ondra", email="ada@example.com", home_gym=gyms["rino"])
