import json
import os

import pytest
from django.db import connections

from digitisation.models import DigitisationRequest, ScanBatch
from tests.conftest import DBS


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_create_and_scan_flow(client, film, scanners, settings, tmp_path):
    settings.ACCESS_COPY_ROOT = str(tmp_path)
    resp = _post(client, "/api/requests/", {"film": film.accession_no, "reels": [2], "requested_by": "akoster"})
    assert resp.status_code == 201, resp.content
    req_id = resp.json()["id"]
    batch = ScanBatch.objects.get(request_id=req_id)

    resp = _post(client, f"/api/batches/{batch.pk}/scanned/", {})
    assert resp.status_code == 200
    assert DigitisationRequest.objects.get(pk=req_id).status == DigitisationRequest.Status.DONE
    assert os.path.exists(tmp_path / film.accession_no / f"batch-{batch.pk}.txt")


@pytest.mark.django_db(databases=DBS)
def test_conflicts_are_409(client, film, scanners):
    resp = _post(client, "/api/requests/", {"film": film.accession_no, "reels": [4]})
    assert resp.status_code == 409
    assert "on loan" in resp.json()["error"]


@pytest.mark.django_db(databases=DBS)
def test_draft_then_detail(client, film, scanners):
    resp = _post(client, "/api/requests/", {"film": film.accession_no, "reels": [3, 2], "draft": True})
    assert resp.status_code == 201
    detail = client.get(f"/api/requests/{resp.json()['id']}/").json()
    assert detail["status"] == "draft"
    assert detail["reels"] == [2, 3]


@pytest.mark.django_db(databases=DBS)
def test_scanned_batch_copies_wait_for_commit(client, film, scanners, django_capture_on_commit_callbacks):
    req = DigitisationRequest.objects.create(film=film, requested_by="akoster", scanner=scanners[0])
    DigitisationRequest.objects.filter(pk=req.pk).update(status=DigitisationRequest.Status.QUEUED)
    batch = ScanBatch.objects.create(request=req, scanner=scanners[0], reel_count=1, total_footage_ft=1000,
                                     manifest="x")
    with django_capture_on_commit_callbacks(using="collections") as callbacks:
        resp = _post(client, f"/api/batches/{batch.pk}/scanned/", {})
    assert resp.status_code == 200
    assert len(callbacks) == 1
    assert connections["collections"].in_atomic_block
