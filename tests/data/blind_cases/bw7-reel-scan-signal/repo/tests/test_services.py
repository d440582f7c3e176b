import pytest

from digitisation.models import DigitisationRequest, ScanBatch, Scanner
from digitisation.services import (RequestError, ScannerUnavailable, estimate_scan_minutes, save_draft,
                                   submit_request)
from tests.conftest import DBS

pytestmark = pytest.mark.django_db(databases=DBS)


def test_estimate_scan_minutes(film):
    reels = list(film.reels.filter(number__in=[2, 3]))
    # 15 setup + 1000/45 -> 23 + 450/22.5 -> 20
    assert estimate_scan_minutes(reels) == 58


def test_submit_books_the_least_busy_capable_scanner(film, scanners):
    req = submit_request(film=film, reel_numbers=[2, 3], requested_by="akoster")
    assert req.status == DigitisationRequest.Status.SUBMITTED
    assert req.scanner.name == "Scanity HDR"
    assert Scanner.objects.get(name="Scanity HDR").booked_minutes == 58


def test_nitrate_needs_a_nitrate_scanner(film, scanners):
    req = submit_request(film=film, reel_numbers=[1], requested_by="akoster")
    assert req.scanner.nitrate_rated


def test_reel_on_loan_is_refused(film, scanners):
    with pytest.raises(RequestError, match="on loan"):
        submit_request(film=film, reel_numbers=[4], requested_by="akoster")


def test_no_capacity(film, scanners):
    Scanner.objects.update(booked_minutes=590)
    with pytest.raises(ScannerUnavailable):
        submit_request(film=film, reel_numbers=[2], requested_by="akoster")


def test_reel_cannot_be_in_two_open_requests(film, scanners):
    submit_request(film=film, reel_numbers=[2], requested_by="akoster")
    with pytest.raises(RequestError, match="already in an open request"):
        submit_request(film=film, reel_numbers=[2, 3], requested_by="jdevries")


def test_draft_is_not_sent_to_the_lab(film, scanners):
    draft = save_draft(film=film, reel_numbers=[2], requested_by="akoster")
    assert draft.status == DigitisationRequest.Status.DRAFT
    assert not ScanBatch.objects.exists()


@pytest.mark.django_db(transaction=True, databases=DBS)
def test_submitted_request_gets_a_scan_batch(film, scanners):
    req = submit_request(film=film, reel_numbers=[2, 3], requested_by="akoster")
    batch = ScanBatch.objects.get(request=req)
    assert batch.reel_count == 2
    assert batch.total_footage_ft == 1450
    assert "R03\t35mm\tacetate\t450 ft\tVINEGAR" in batch.manifest
    assert DigitisationRequest.objects.get(pk=req.pk).status == DigitisationRequest.Status.QUEUED
