from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pharmacy.models import Kit, KitAssignment
from trials.models import Participant, Randomization
from trials.scheduling import ScheduleError
from trials.services import RandomizationError, RandomizationService, screen_fail


def test_randomize_assigns_sequence_and_schedules_visits(stocked_site, make_participant, django_capture_on_commit_callbacks):
    first_dose = timezone.localdate() + timedelta(days=2)
    service = RandomizationService(user="coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        r1 = service.randomize(make_participant(), first_dose_date=first_dose)
        r2 = service.randomize(make_participant(), first_dose_date=first_dose)

    assert [r1.sequence_number, r2.sequence_number] == [1, 2]
    assert r1.randomization_number == "CARDIO-3-R00001"
    p = Participant.objects.get(pk=r1.participant_id)
    assert p.status == Participant.Status.RANDOMIZED
    assert [v.target_date for v in p.visits.all()] == [
        first_dose, first_dose + timedelta(days=28), first_dose + timedelta(days=84)
    ]


def test_participant_without_consent_is_not_randomized(stocked_site, make_participant):
    participant = make_participant(consented_at=None)
    with pytest.raises(RandomizationError):
        RandomizationService().randomize(participant, first_dose_date=timezone.localdate())
    assert not Randomization.objects.exists()


def test_first_dose_too_late_is_rejected(stocked_site, make_participant):
    participant = make_participant()
    with pytest.raises(ScheduleError):
        RandomizationService().randomize(participant, first_dose_date=timezone.localdate() + timedelta(days=30))
    participant.refresh_from_db()
    assert participant.status == Participant.Status.SCREENING


def test_screen_failure_notifies_sponsor(make_participant, django_capture_on_commit_callbacks):
    participant = make_participant()
    with django_capture_on_commit_callbacks(execute=True):
        screen_fail(participant, "eGFR below 30")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.SCREEN_FAILED
    assert len(mail.outbox) == 1
    assert "eGFR below 30" in mail.outbox[0].body


def test_withdrawal_removes_planned_visits(stocked_site, make_participant, django_capture_on_commit_callbacks):
    service = RandomizationService(user="coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        r = service.randomize(make_participant(), first_dose_date=timezone.localdate())
        service.withdraw(r.participant, reason="moved abroad")
    assert not r.participant.visits.exists()
    assert any("withdrawal" in m.subject for m in mail.outbox)
