"""Assigning vessels to berths and releasing them again."""
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import Berth, MooringAssignment, Season

logger = logging.getLogger(__name__)

# A vessel may overhang its berth a little; the pontoon fingers allow for it.
LENGTH_TOLERANCE = Decimal("0.50")


class AssignmentError(Exception):
    pass


def open_season():
    season = Season.objects.filter(is_open=True).order_by("-year").first()
    if season is None:
        raise AssignmentError("no season is open; pass the season year explicitly")
    return season


def vessel_fits(berth, vessel):
    return vessel.loa_m <= berth.length_m + LENGTH_TOLERANCE and vessel.beam_m <= berth.beam_m


def assign_berth(berth, vessel, season, starts_on=None, force=False):
    """Moor ``vessel`` on ``berth`` for ``season``.

    ``force`` lets the office put a vessel on a berth it does not strictly fit (the
    harbour master's call); it never allows double-booking a berth.
    """
    starts_on = starts_on or max(season.starts_on, timezone.localdate())
    if not season.starts_on <= starts_on <= season.ends_on:
        raise AssignmentError(f"{starts_on} is outside {season}")
    if not berth.active:
        raise AssignmentError(f"berth {berth} is out of service")
    fits = vessel_fits(berth, vessel)
    if not fits and not force:
        raise AssignmentError(
            f"{vessel} ({vessel.loa_m} x {vessel.beam_m} m) does not fit berth {berth} "
            f"({berth.length_m} x {berth.beam_m} m); use --force to override"
        )
    with transaction.atomic():
        Berth.objects.select_for_update().get(pk=berth.pk)
        taken = MooringAssignment.objects.current().filter(berth=berth, season=season).first()
        if taken:
            raise AssignmentError(f"berth {berth} is already taken by {taken.vessel} in {season.year}")
        if MooringAssignment.objects.current().filter(vessel=vessel, season=season).exists():
            raise AssignmentError(f"{vessel} already has a berth in {season.year}")
        assignment = MooringAssignment.objects.create(
            berth=berth, vessel=vessel, season=season, starts_on=starts_on, oversize_override=not fits,
        )
    logger.info("assigned %s", assignment)
    return assignment


def release_berth(assignment, released_on=None, reason=""):
    if assignment.released_on is not None:
        raise AssignmentError(f"{assignment} was already released on {assignment.released_on}")
    released_on = released_on or timezone.localdate()
    if released_on < assignment.starts_on:
        raise AssignmentError("release date is before the assignment started")
    assignment.released_on = released_on
    assignment.release_reason = reason
    assignment.save(update_fields=["released_on", "release_reason"])
    logger.info("released %s on %s", assignment, released_on)
    return assignment


def vacant_berths(season, min_length=None, with_power=False):
    taken = MooringAssignment.objects.current().filter(season=season).values("berth_id")
    berths = Berth.objects.filter(active=True).exclude(pk__in=taken)
    if min_length is not None:
        berths = berths.filter(length_m__gte=min_length)
    if with_power:
        berths = berths.filter(has_power=True)
    return berths
