"""Acceptance tests: the scan-preparation job may only reach the Celery broker
once the request it refers to is committed in the collections database, and
never for a submission that was rolled back.

A fake broker records every message published for the task together with
whether a transaction was still open on the collections database at that
moment (a real worker uses its own connection and cannot see uncommitted rows).
"""
import json
from types import SimpleNamespace

import pytest
from django.db import connections

from collection.models import Film, Reel
from digitisation import tasks as dig_tasks
from digitisation.models import DigitisationRequest, ScanBatch, Scanner
from digitisation.services import RequestError, save_draft, submit_request

DBS = ["default", "collections"]


class FakeBroker:
    def __init__(self):
        self.messages = []

    def publish(self, args=None, kwargs=None, **options):
        self.messages.append(SimpleNamespace(
            args=tuple(args or ()),
            kwargs=dict(kwargs or {}),
            collections_txn_open=connections["collections"].in_atomic_block,
        ))
        return SimpleNamespace(id=f"fake-{len(self.messages)}")

    def request_ids(self):
        return [int(m.args[0]) if m.args else int(m.kwargs["request_id"]) for m in self.messages]

    def run_worker(self):
        for m in self.messages:
            dig_tasks.prepare_scan_batch.apply(args=m.args, kwargs=m.kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = FakeBroker()
    monkeypatch.setattr(dig_tasks.prepare_scan_batch, "apply_async", fake.publish)
    return fake


@pytest.fixture
def film(db):
    f = Film.objects.create(accession_no="NL-1954-201", title="Houen zo!", year=1952)
    Reel.objects.create(film=f, number=1, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=950)
    Reel.objects.create(film=f, number=2, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=700)
    Reel.objects.create(film=f, number=3, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=400)
    Scanner.objects.create(name="Scanity HDR", gauges="35mm,16mm", weekly_capacity_minutes=5000)
    return f


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_new_request_job_is_published_after_commit(broker, film):
    req = submit_request(film=film, reel_numbers=[1, 2], requested_by="akoster")

    assert broker.request_ids() == [req.pk]
    assert not broker.messages[0].collections_txn_open, (
        "scan preparation was handed to the broker while the request was still uncommitted"
    )
    broker.run_worker()
    batch = ScanBatch.objects.get(request_id=req.pk)
    assert batch.reel_count == 2
    assert DigitisationRequest.objects.get(pk=req.pk).status == DigitisationRequest.Status.QUEUED


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_api_request_job_is_published_after_commit(broker, film, client):
    resp = client.post("/api/requests/", data=json.dumps({"film": film.accession_no, "reels": [3]}),
                       content_type="application/json")
    assert resp.status_code == 201, resp.content
    req_id = resp.json()["id"]

    assert broker.request_ids() == [req_id]
    assert not broker.messages[0].collections_txn_open
    broker.run_worker()
    assert ScanBatch.objects.filter(request_id=req_id, reel_count=1).exists()


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_submitted_draft_is_prepared_not_skipped(broker, film, client):
    draft = save_draft(film=film, reel_numbers=[1, 3], requested_by="jdevries")
    assert broker.messages == []

    resp = client.post(f"/api/requests/{draft.pk}/submit/", data="{}", content_type="application/json")
    assert resp.status_code == 200, resp.content

    assert broker.request_ids() == [draft.pk]
    assert not broker.messages[0].collections_txn_open, (
        "the worker would still see the draft: the job was published before the submission committed"
    )
    broker.run_worker()
    assert ScanBatch.objects.get(request_id=draft.pk).reel_count == 2
    assert DigitisationRequest.objects.get(pk=draft.pk).status == DigitisationRequest.Status.QUEUED


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_rejected_submission_produces_no_lab_work(broker, film, settings):
    settings.URGENT_REQUESTS_PER_WEEK = 1
    first = submit_request(film=film, reel_numbers=[1], requested_by="akoster",
                           priority=DigitisationRequest.Priority.URGENT)
    broker.messages.clear()

    with pytest.raises(RequestError, match="urgent"):
        submit_request(film=film, reel_numbers=[2], requested_by="akoster",
                       priority=DigitisationRequest.Priority.URGENT)

    assert list(DigitisationRequest.objects.values_list("pk", flat=True)) == [first.pk]
    assert broker.messages == [], "scan preparation was queued for a request that was rolled back"
    assert Scanner.objects.get().booked_minutes == first.estimated_minutes
