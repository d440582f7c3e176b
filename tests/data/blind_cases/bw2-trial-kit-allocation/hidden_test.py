"""Acceptance tests: the kit allocation job may only reach the pharmacy worker
once the randomization it refers to is committed, and never for a
randomization that was rolled back.

A fake broker records each message published for the allocation task together
with whether a database transaction was still open at that moment (a real
worker uses its own connection and cannot see uncommitted rows).
"""
import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from pharmacy import tasks as pharmacy_tasks
from pharmacy.models import Kit, KitAssignment
from trials.models import Arm, Participant, Randomization, Site, Study, VisitTemplate
from trials.scheduling import ScheduleError
from trials.services import RandomizationService


class FakeBroker:
    def __init__(self):
        self.messages = []

    def publish(self, args=None, kwargs=None, **options):
        self.messages.append(SimpleNamespace(
            args=tuple(args or ()),
            kwargs=dict(kwargs or {}),
            transaction_open=transaction.get_connection().in_atomic_block,
        ))
        return SimpleNamespace(id=f"fake-{len(self.messages)}")

    def randomization_ids(self):
        return [int(m.args[0]) if m.args else int(m.kwargs["randomization_id"]) for m in self.messages]

    def run_worker(self):
        for msg in self.messages:
            pharmacy_tasks.allocate_kit.apply(args=msg.args, kwargs=msg.kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = FakeBroker()
    monkeypatch.setattr(pharmacy_tasks.allocate_kit, "apply_async", fake.publish)
    return fake


@pytest.fixture
def trial():
    study = Study.objects.create(code="NEURO-7", title="Neuro 7", block_size=2, randomization_seed="n7")
    for code in ("A", "P"):
        Arm.objects.create(study=study, code=code, label=code)
    VisitTemplate.objects.create(study=study, name="Day 1", day_offset=0, window_days=0, dispenses_kit=True)
    VisitTemplate.objects.create(study=study, name="Week 2", day_offset=14, window_days=2)
    site = Site.objects.create(study=study, number="204", name="Klinikum Süd", pharmacist_email="ph204@example.org")
    expires = timezone.localdate() + timedelta(days=400)
    for arm in study.arms.all():
        for n in range(2):
            Kit.objects.create(study=study, site=site, arm=arm, kit_number=f"{arm.code}-{n}", lot="L9",
                               expires_on=expires)
    return site


def participant(site, number):
    return Participant.objects.create(site=site, screening_number=number, initials="XY", birth_year=1965,
                                      consented_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_kit_job_is_published_after_the_randomization_is_committed(broker, trial):
    p = participant(trial, "S204-001")

    randomization = RandomizationService(user="coord").randomize(p, first_dose_date=timezone.localdate())

    assert broker.randomization_ids() == [randomization.pk]
    assert not broker.messages[0].transaction_open, (
        "the kit allocation job was handed to the broker while the randomization was still uncommitted"
    )
    broker.run_worker()
    assignment = KitAssignment.objects.get(randomization_id=randomization.pk)
    assert assignment.kit.arm_id == randomization.arm_id
    assert assignment.kit.status == Kit.Status.ALLOCATED


@pytest.mark.django_db(transaction=True)
def test_kit_job_from_the_api_is_published_after_commit(broker, trial, client):
    participant(trial, "S204-002")

    resp = client.post(
        "/api/participants/S204-002/randomize/",
        data=json.dumps({"first_dose_date": (timezone.localdate() + timedelta(days=1)).isoformat(), "user": "c"}),
        content_type="application/json",
    )

    assert resp.status_code == 201, resp.content
    randomization = Randomization.objects.get(participant__screening_number="S204-002")
    assert broker.randomization_ids() == [randomization.pk]
    assert not broker.messages[0].transaction_open
    broker.run_worker()
    assert KitAssignment.objects.filter(randomization=randomization).exists()


@pytest.mark.django_db(transaction=True)
def test_rejected_randomization_produces_no_kit_job(broker, trial):
    p = participant(trial, "S204-003")

    with pytest.raises(ScheduleError):
        RandomizationService(user="coord").randomize(
            p, first_dose_date=timezone.localdate() + timedelta(days=21)
        )

    assert not Randomization.objects.exists()
    assert Participant.objects.get(pk=p.pk).status == Participant.Status.SCREENING
    assert broker.messages == [], "a kit allocation job was published for a randomization that was rolled back"


@pytest.mark.django_db(transaction=True)
def test_fallback_command_gets_a_kit_for_each_participant(broker, trial):
    participant(trial, "S204-004")
    participant(trial, "S204-005")
    first_dose = timezone.localdate().isoformat()

    call_command("randomize_participant", "S204-004", "--first-dose", first_dose)
    call_command("randomize_participant", "S204-005", "--first-dose", first_dose)

    assert not any(m.transaction_open for m in broker.messages)
    assert sorted(broker.randomization_ids()) == sorted(Randomization.objects.values_list("pk", flat=True))
    broker.run_worker()
    assert KitAssignment.objects.count() == 2
    assert Kit.objects.filter(status=Kit.Status.ALLOCATED).count() == 2
