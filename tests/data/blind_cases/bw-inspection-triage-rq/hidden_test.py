"""Acceptance tests: the triage job for a submitted inspection reaches the RQ
queue only once the inspection and its defects are committed (the RQ worker is
another process with its own database connection), never for an inspection
that was rolled back, and the inspection still records the id of its job."""
import json
import uuid
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils.module_loading import import_string

from inspections.models import Inspection
from inspections.services import InspectionError, submit_inspection
from vehicles.models import Driver, Vehicle, WorkOrder


class RecordingQueue:
    """Stands in for rq.Queue: records what is enqueued (and whether a database
    transaction was still open at that moment); jobs run later, in run_worker()."""

    jobs = []

    def __init__(self, name="default", connection=None, **kwargs):
        self.name = name

    def enqueue(self, f, *args, **kwargs):
        for option in ("job_timeout", "result_ttl", "failure_ttl", "job_id", "description", "at_front"):
            kwargs.pop(option, None)
        job = SimpleNamespace(id=str(uuid.uuid4()), queue=self.name, func=f, args=args, kwargs=kwargs,
                              transaction_open=transaction.get_connection().in_atomic_block)
        RecordingQueue.jobs.append(job)
        return job

    def enqueue_call(self, func, args=None, kwargs=None, **options):
        return self.enqueue(func, *(args or ()), **(kwargs or {}))


def _name(func):
    return func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"


def triage_jobs():
    return [j for j in RecordingQueue.jobs if _name(j.func).endswith("triage_inspection")]


def run_worker():
    for job in list(RecordingQueue.jobs):
        func = import_string(job.func) if isinstance(job.func, str) else job.func
        func(*job.args, **job.kwargs)


@pytest.fixture
def queue(settings):
    RecordingQueue.jobs = []
    settings.RQ_QUEUE_CLASS = f"{__name__}.RecordingQueue"
    return RecordingQueue


@pytest.fixture
def fleet(queue):
    van = Vehicle.objects.create(plate="B-FD 2210", make_model="eSprinter", depot="Spandau", odometer_km=40100)
    driver = Driver.objects.create(employee_no="D-311", name="Aylin Demir")
    return van, driver


@pytest.mark.django_db(transaction=True)
def test_triage_job_is_queued_after_the_inspection_is_committed(fleet, queue):
    van, driver = fleet
    inspection = submit_inspection(van, driver, odometer_km=40180, defects=[
        {"area": "brakes", "description": "brake pedal spongy"},
        {"area": "mirrors", "description": "wiper blade torn"},
    ])

    jobs = triage_jobs()
    assert len(jobs) == 1
    assert not jobs[0].transaction_open, "triage job was queued while the inspection was not committed yet"
    assert Inspection.objects.get(pk=inspection.pk).triage_job_id == jobs[0].id

    run_worker()

    inspection.refresh_from_db()
    assert inspection.outcome == Inspection.Outcome.GROUNDED
    assert Vehicle.objects.get(pk=van.pk).status == Vehicle.Status.OUT_OF_SERVICE
    assert "brake pedal spongy" in WorkOrder.objects.get(source_inspection=inspection).details


@pytest.mark.django_db(transaction=True)
def test_rejected_inspection_queues_no_triage(fleet, queue):
    van, driver = fleet
    with pytest.raises(InspectionError):
        submit_inspection(van, driver, odometer_km=4018, defects=[{"area": "tyres", "description": "flat"}])

    assert not Inspection.objects.exists()
    assert triage_jobs() == [], "a triage job was queued for an inspection that was rolled back"


@pytest.mark.django_db(transaction=True)
def test_inspection_from_the_app(client, fleet, queue):
    van, driver = fleet
    resp = client.post(
        f"/api/vehicles/{van.plate}/inspections/",
        data=json.dumps({"driver": "D-311", "odometer_km": 40222,
                         "defects": [{"area": "lights", "description": "brake light out"}]}),
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content

    jobs = triage_jobs()
    assert len(jobs) == 1 and not jobs[0].transaction_open
    run_worker()
    inspection = Inspection.objects.get(pk=resp.json()["id"])
    assert inspection.triage_job_id == jobs[0].id
    assert inspection.outcome == Inspection.Outcome.GROUNDED


@pytest.mark.django_db(transaction=True)
def test_clean_inspection_is_triaged_once(fleet, queue):
    van, driver = fleet
    inspection = submit_inspection(van, driver, odometer_km=40300)
    assert len(triage_jobs()) == 1
    assert not triage_jobs()[0].transaction_open
    run_worker()
    inspection.refresh_from_db()
    assert inspection.outcome == Inspection.Outcome.OK
    assert len(triage_jobs()) == 1
