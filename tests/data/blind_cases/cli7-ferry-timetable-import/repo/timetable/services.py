"""Timetable operations used by the `timetable` CLI and the admin."""
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Route, Sailing, Season, Vessel

log = logging.getLogger(__name__)


class TimetableImportError(Exception):
    """A row of the timetable file cannot be imported."""


class SeasonStateError(Exception):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    routes: set = field(default_factory=set)


def _resolve_row(season, row, routes, vessels):
    """Turn one TimetableRow into the field values of a Sailing, or raise."""
    route = routes.get(row.route)
    if route is None:
        raise TimetableImportError(f"line {row.line}: unknown or inactive route {row.route!r}")
    if row.day is None:
        raise TimetableImportError(f"line {row.line}: bad date {row.raw_date!r} (expected YYYY-MM-DD)")
    if row.depart is None:
        raise TimetableImportError(f"line {row.line}: bad departure time {row.raw_depart!r} (expected HH:MM)")
    if not season.covers(row.day):
        raise TimetableImportError(
            f"line {row.line}: {row.day} is outside season {season.code} "
            f"({season.starts_on} - {season.ends_on})"
        )
    vessel = None
    if row.vessel:
        vessel = vessels.get(row.vessel.lower())
        if vessel is None:
            raise TimetableImportError(f"line {row.line}: unknown vessel {row.vessel!r}")
        if not vessel.in_service:
            raise TimetableImportError(f"line {row.line}: vessel {vessel.name} is not in service")
    departs_at = timezone.make_aware(datetime.combine(row.day, row.depart))
    return route, {
        "season": season,
        "vessel": vessel,
        "departs_at": departs_at,
        "arrives_at": departs_at + route.crossing_time,
        "notes": row.notes,
    }


def import_timetable(season, rows, *, replace=False):
    """Load the sailings of a timetable file into ``season``.

    Sailings are matched on (route, departure time): a row that matches an
    existing sailing updates its vessel and notes, other rows create new
    sailings. With ``replace=True`` the season's existing sailings on the
    routes present in the file are removed first, so sailings dropped from
    the plan disappear.
    """
    if season.status == Season.Status.ARCHIVED:
        raise SeasonStateError(f"season {season.code} is archived")

    routes = {r.code: r for r in Route.objects.filter(active=True)}
    vessels = {v.name.lower(): v for v in Vessel.objects.all()}
    result = ImportResult()

    if replace:
        route_codes = {row.route for row in rows}
        old = Sailing.objects.filter(season=season, route__code__in=route_codes)
        result.removed = old.count()
        old.delete()

    for row in rows:
        route, values = _resolve_row(season, row, routes, vessels)
        _, created = Sailing.objects.update_or_create(
            route=route, departs_at=values.pop("departs_at"), defaults=values,
        )
        if created:
            result.created += 1
        else:
            result.updated += 1
        result.routes.add(route.code)

    log.info("season %s: imported %d row(s) (%d created, %d updated, %d removed)",
             season.code, len(rows), result.created, result.updated, result.removed)
    return result


def publish_season(season, *, now=None):
    """Make a draft season visible to the booking site."""
    if season.status != Season.Status.DRAFT:
        raise SeasonStateError(f"season {season.code} is {season.status}, only draft seasons can be published")
    with transaction.atomic():
        season = Season.objects.select_for_update().get(pk=season.pk)
        if not season.sailings.exists():
            raise SeasonStateError(f"season {season.code} has no sailings")
        season.status = Season.Status.PUBLISHED
        season.published_at = now or timezone.now()
        season.save(update_fields=["status", "published_at"])
    return season


def swap_vessel(season, route, old_vessel, new_vessel, *, from_day, to_day=None):
    """Move the sailings of ``route`` from one vessel to another (refit, breakdown).

    Returns the number of sailings moved.
    """
    if not new_vessel.in_service:
        raise TimetableImportError(f"vessel {new_vessel.name} is not in service")
    sailings = Sailing.objects.filter(
        season=season, route=route, vessel=old_vessel,
        status=Sailing.Status.SCHEDULED, departs_at__date__gte=from_day,
    )
    if to_day is not None:
        sailings = sailings.filter(departs_at__date__lte=to_day)
    moved = 0
    with transaction.atomic():
        for sailing in sailings.select_for_update():
            sailing.vessel = new_vessel
            sailing.notes = (sailing.notes + f" (was {old_vessel.name})").strip()
            sailing.save(update_fields=["vessel", "notes"])
            moved += 1
    return moved


def sailings_on(day, route_code=None):
    qs = Sailing.objects.select_related("route", "vessel").filter(departs_at__date=day)
    if route_code:
        qs = qs.filter(route__code=route_code.upper())
    return list(qs.order_by("departs_at"))
