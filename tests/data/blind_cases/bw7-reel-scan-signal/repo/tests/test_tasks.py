from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from digitisation.models import DigitisationRequest, RequestedReel
from digitisation.tasks import expire_stale_drafts, prepare_scan_batch
from tests.conftest import DBS

pytestmark = pytest.mark.django_db(databases=DBS)


def _submitted(film, scanner, numbers):
    req = DigitisationRequest.objects.create(film=film, requested_by="akoster", scanner=scanner)
    for n in numbers:
        RequestedReel.objects.create(request=req, reel=film.reels.get(number=n))
    DigitisationRequest.objects.filter(pk=req.pk).update(status=DigitisationRequest.Status.SUBMITTED,
                                                         submitted_at=timezone.now() - timedelta(hours=3))
    return req


def test_prepare_scan_batch_is_idempotent(film, scanners):
    req = _submitted(film, scanners[0], [2, 3])
    first = prepare_scan_batch(req.pk)
    DigitisationRequest.objects.filter(pk=req.pk).update(status=DigitisationRequest.Status.SUBMITTED)
    assert prepare_scan_batch(req.pk) == first


def test_prepare_skips_drafts(film, scanners):
    req = DigitisationRequest.objects.create(film=film, requested_by="akoster")
    assert prepare_scan_batch(req.pk) is None


def test_expire_stale_drafts(film):
    old = DigitisationRequest.objects.create(film=film, requested_by="x",
                                             created_at=timezone.now() - timedelta(days=40))
    DigitisationRequest.objects.create(film=film, requested_by="y")
    assert expire_stale_drafts() == 1
    old.refresh_from_db()
    assert old.status == DigitisationRequest.Status.EXPIRED


def test_requeue_stuck_requests(film, scanners):
    req = _submitted(film, scanners[0], [2])
    out = StringIO()
    call_command("requeue_stuck_requests", stdout=out)
    assert f"DR-{req.pk}" in out.getvalue()
    assert DigitisationRequest.objects.get(pk=req.pk).status == DigitisationRequest.Status.QUEUED
