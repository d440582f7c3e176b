"""Submitting digitisation requests."""
import logging
import math
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from collection.models import Reel
from reelhouse.routers import COLLECTIONS_DB

from .models import DigitisationRequest, RequestedReel, Scanner

logger = logging.getLogger(__name__)

OPEN_STATUSES = (DigitisationRequest.Status.SUBMITTED, DigitisationRequest.Status.QUEUED)


class RequestError(ValueError):
    """The request cannot be submitted as it is (shown to the user)."""


class ScannerUnavailable(RequestError):
    """No scanner that can handle these reels has capacity left this week."""


def estimate_scan_minutes(reels):
    minutes = settings.SCAN_SETUP_MINUTES
    for reel in reels:
        speed = settings.SCAN_FEET_PER_MINUTE[reel.gauge]
        # shrunken or vinegar-affected film runs at half speed
        if reel.vinegar_syndrome:
            speed = speed / 2
        minutes += math.ceil(reel.footage_ft / speed)
    return minutes


def reserve_scanner(req, reels):
    """Book scanner time for the request (sets ``req.scanner``); raises ScannerUnavailable."""
    candidates = (
        Scanner.objects.select_for_update()
        .filter(active=True)
        .order_by("booked_minutes", "pk")
    )
    for scanner in candidates:
        if not all(scanner.handles(r) for r in reels):
            continue
        booked = Scanner.objects.filter(
            pk=scanner.pk, booked_minutes__lte=scanner.weekly_capacity_minutes - req.estimated_minutes
        ).update(booked_minutes=F("booked_minutes") + req.estimated_minutes)
        if booked:
            req.scanner = scanner
            return scanner
    nitrate = any(r.base == Reel.Base.NITRATE for r in reels)
    raise ScannerUnavailable(
        f"no {'nitrate-rated ' if nitrate else ''}scanner has {req.estimated_minutes} free minutes this week"
    )


def check_urgent_quota(req):
    """Urgent requests jump the queue, so each member of staff only gets a few per week."""
    if req.priority != DigitisationRequest.Priority.URGENT:
        return
    since = timezone.now() - timedelta(days=7)
    open_urgent = DigitisationRequest.objects.filter(
        requested_by=req.requested_by, priority=DigitisationRequest.Priority.URGENT,
        status__in=OPEN_STATUSES, submitted_at__gte=since,
    ).count()   # includes this request
    if open_urgent > settings.URGENT_REQUESTS_PER_WEEK:
        raise RequestError(
            f"{req.requested_by} already has {open_urgent - 1} urgent request(s) this week "
            f"(limit {settings.URGENT_REQUESTS_PER_WEEK}); submit it as normal priority"
        )


def _reels_for(film, reel_numbers, exclude_request=None):
    reels = []
    for number in sorted(set(reel_numbers)):
        reel = Reel.objects.filter(film=film, number=number).first()
        if reel is None:
            raise RequestError(f"{film.accession_no} has no reel {number}")
        if reel.on_loan:
            raise RequestError(f"reel {reel} is on loan")
        busy = RequestedReel.objects.filter(reel=reel, request__status__in=OPEN_STATUSES)
        if exclude_request is not None:
            busy = busy.exclude(request=exclude_request)
        if busy.exists():
            raise RequestError(f"reel {reel} is already in an open request")
        reels.append(reel)
    return reels


def save_draft(*, film, reel_numbers, requested_by, purpose=""):
    """Save a request without submitting it (the curator comes back to it later)."""
    with transaction.atomic(using=COLLECTIONS_DB):
        req = DigitisationRequest.objects.create(film=film, requested_by=requested_by, purpose=purpose)
        for number in sorted(set(reel_numbers)):
            reel = Reel.objects.get(film=film, number=number)
            RequestedReel.objects.create(request=req, reel=reel)
    return req


def submit_request(*, film, reel_numbers, requested_by, purpose="",
                   priority=DigitisationRequest.Priority.NORMAL, draft=None):
    """Create (or complete a draft of) a request and submit it for scanning."""
    if not reel_numbers:
        raise RequestError("select at least one reel")
    with transaction.atomic(using=COLLECTIONS_DB):
        if draft is None:
            req = DigitisationRequest.objects.create(film=film, requested_by=requested_by, purpose=purpose,
                                                     priority=priority)
        else:
            req = DigitisationRequest.objects.select_for_update().get(pk=draft.pk)
            if req.status != DigitisationRequest.Status.DRAFT:
                raise RequestError(f"request {req.pk} is already {req.status}")
            req.requested_reels.all().delete()
            req.priority = priority
            req.purpose = purpose or req.purpose

        reels = _reels_for(film, reel_numbers, exclude_request=req)
        RequestedReel.objects.bulk_create([RequestedReel(request=req, reel=r) for r in reels])

        req.estimated_minutes = estimate_scan_minutes(reels)
        reserve_scanner(req, reels)
        req.status = DigitisationRequest.Status.SUBMITTED
        req.submitted_at = timezone.now()
        req.save(update_fields=["status", "submitted_at", "estimated_minutes", "priority", "purpose", "scanner"])

        check_urgent_quota(req)

    logger.info("DR-%s submitted by %s: %s reel(s), %s min on %s", req.pk, requested_by, len(reels),
                req.estimated_minutes, req.scanner)
    return req
