"""Nightly member activity rollup.

For every member we keep, on the member row: the last day they climbed, on how
many days they came in the last 30 days, their current streak of consecutive
weeks with at least one visit, the gym they visit most, and whether they look
like they are lapsing. All of it is derived from the check-ins of the last
year, walked member by member in time order.
"""
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from members.models import Member

from .models import CheckIn

logger = logging.getLogger(__name__)

WINDOW_DAYS = 365
RECENT_DAYS = 30
# An active member without a visit for this long is flagged for a lapse nudge
# (not in their first weeks: new members get the welcome series instead).
AT_RISK_AFTER_DAYS = 21

ACTIVITY_FIELDS = ["last_visit_on", "visits_30d", "streak_weeks", "favorite_gym", "at_risk", "activity_updated_at"]


def week_index(day):
    """Monday-based week number, continuous across years."""
    return (day.toordinal() - 1) // 7


def iter_visits(since, until):
    """Yield ``(member_id, gym_id, local_day)`` for every check-in in ``[since, until)``.

    Rows come grouped by member and in time order within a member; the local
    day is the calendar day in the gym's own time zone.
    """
    checkins = (
        CheckIn.objects.filter(at__gte=since, at__lt=until)
        .select_related("gym")
        .order_by("member_id", "at")
    )
    for checkin in checkins:
        yield checkin.member_id, checkin.gym_id, timezone.localtime(checkin.at, checkin.gym.tzinfo).date()


@dataclass
class MemberActivity:
    member_id: int
    last_visit_on: date | None = None
    visits_30d: int = 0
    streak_weeks: int = 0
    gym_days: Counter = field(default_factory=Counter)
    _run_weeks: int = 0
    _last_week: int | None = None

    def add_day(self, gym_id, day, recent_from):
        self.last_visit_on = day
        self.gym_days[gym_id] += 1
        if day >= recent_from:
            self.visits_30d += 1
        week = week_index(day)
        if self._last_week is None or week > self._last_week + 1:
            self._run_weeks = 1
        elif week == self._last_week + 1:
            self._run_weeks += 1
        self._last_week = week

    def finish(self, this_week):
        # the streak is still alive if they climbed this week or last week
        alive = self._last_week is not None and self._last_week >= this_week - 1
        self.streak_weeks = self._run_weeks if alive else 0

    @property
    def favorite_gym_id(self):
        if not self.gym_days:
            return None
        return min(self.gym_days.items(), key=lambda kv: (-kv[1], kv[0]))[0]


class ActivityRollup:
    def __init__(self, as_of=None):
        self.as_of = as_of or timezone.now()
        self.today = timezone.localdate(self.as_of)
        self.since = self.as_of - timedelta(days=WINDOW_DAYS)
        self.recent_from = self.today - timedelta(days=RECENT_DAYS - 1)

    def compute(self):
        """Walk the check-ins once and return ``{member_id: MemberActivity}``."""
        activity = {}
        current = None
        scans = 0
        for member_id, gym_id, day in iter_visits(self.since, self.as_of):
            scans += 1
            if current is None or current.member_id != member_id:
                current = activity[member_id] = MemberActivity(member_id)
            if current.last_visit_on == day:
                continue  # main door, then the bouldering area: one visit
            current.add_day(gym_id, day, self.recent_from)
        this_week = week_index(self.today)
        for member_activity in activity.values():
            member_activity.finish(this_week)
        logger.info("activity rollup: %s check-ins, %s members with visits", scans, len(activity))
        return activity

    def is_at_risk(self, member, member_activity):
        if member.status != Member.Status.ACTIVE:
            return False
        if member.joined_on > self.today - timedelta(days=AT_RISK_AFTER_DAYS):
            return False
        last = member_activity.last_visit_on if member_activity else None
        return last is None or (self.today - last).days > AT_RISK_AFTER_DAYS

    def apply(self, activity, batch_size=500):
        """Write the rollup onto the member rows; returns how many members were updated."""
        now = timezone.now()
        members = Member.objects.exclude(status=Member.Status.CANCELLED).order_by("pk")
        batch, updated = [], 0
        for member in members.iterator(chunk_size=2000):
            member_activity = activity.get(member.pk)
            member.last_visit_on = member_activity.last_visit_on if member_activity else None
            member.visits_30d = member_activity.visits_30d if member_activity else 0
            member.streak_weeks = member_activity.streak_weeks if member_activity else 0
            member.favorite_gym_id = member_activity.favorite_gym_id if member_activity else None
            member.at_risk = self.is_at_risk(member, member_activity)
            member.activity_updated_at = now
            batch.append(member)
            if len(batch) >= batch_size:
                Member.objects.bulk_update(batch, ACTIVITY_FIELDS)
                updated += len(batch)
                batch = []
        if batch:
            Member.objects.bulk_update(batch, ACTIVITY_FIELDS)
            updated += len(batch)
        return updated
