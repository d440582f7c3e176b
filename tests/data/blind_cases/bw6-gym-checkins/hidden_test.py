"""Acceptance tests: the nightly member-activity job must work through the
check-in table without holding the whole table in memory at once.

The check-in table has millions of rows in production. These tests fill it
with a few thousand and check that
  * the job never has more than a fraction of the check-ins materialised as
    model instances at the same time,
  * no check-in query result holding more than a fraction of the table is
    kept in memory (a queryset's result cache, whatever its row type), while
  * the rolled-up numbers stay exactly what they were.
Any streaming approach passes: QuerySet.iterator(), batches by key, values
lists read through an iterator, ...
"""
import gc
import random
import weakref
from datetime import datetime, time, timedelta

import pytest
from django.db.models.query import QuerySet
from django.db.models.signals import post_init
from django.utils import timezone

from access.jobs import rebuild_member_activity
from access.models import CheckIn
from members.models import Gym, Member

pytestmark = pytest.mark.django_db

MEMBERS = 40


class LiveCheckIns:
    """Counts CheckIn model instances alive at the same time."""

    def __init__(self):
        self.live = 0
        self.peak = 0
        self.base = 0

    def reset(self):
        gc.collect()
        self.base = self.peak = self.live

    @property
    def held_at_once(self):
        return self.peak - self.base

    def _gone(self):
        self.live -= 1

    def __call__(self, sender, instance, **kwargs):
        self.live += 1
        self.peak = max(self.peak, self.live)
        weakref.finalize(instance, self._gone)


@pytest.fixture
def live_checkins():
    counter = LiveCheckIns()
    post_init.connect(counter, sender=CheckIn, weak=False, dispatch_uid="hidden-live-checkins")
    yield counter
    post_init.disconnect(sender=CheckIn, dispatch_uid="hidden-live-checkins")


@pytest.fixture
def cached_checkin_results(monkeypatch):
    """Sizes of every check-in queryset result cache filled while the test runs."""
    sizes = []
    original = QuerySet._fetch_all

    def _fetch_all(self):
        original(self)
        if self.model is CheckIn and self._result_cache is not None:
            sizes.append(len(self._result_cache))

    monkeypatch.setattr(QuerySet, "_fetch_all", _fetch_all)
    return sizes


@pytest.fixture
def club():
    gyms = [
        Gym.objects.create(code="rino", name="Crux RiNo"),
        Gym.objects.create(code="golden", name="Crux Golden"),
        Gym.objects.create(code="slc", name="Crux Salt Lake"),
    ]
    members = [
        Member.objects.create(
            membership_no=f"CX{i:06d}", card_no=f"CARD{i:05d}", first_name=f"M{i}", last_name="Test",
            email=f"m{i}@example.com", home_gym=gyms[i % 3], joined_on=timezone.localdate() - timedelta(days=500),
        )
        for i in range(MEMBERS)
    ]
    return gyms, members


def _local(days_ago, hour, minute):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _add_checkins(club, count, seed):
    """``count`` scans spread over the members; each member climbs at one gym (its index mod 3)."""
    gyms, members = club
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        m = i % len(members)
        # members 0..9 only climbed a long time ago (at risk), the others throughout the year
        days_ago = rng.randint(40, 300) if m < 10 else rng.randint(1, 300)
        rows.append(CheckIn(member=members[m], gym=gyms[m % 3], at=_local(days_ago, rng.randint(6, 21),
                                                                            rng.randint(0, 59))))
    CheckIn.objects.bulk_create(rows, batch_size=1000)


def _expected():
    """Independent rollup straight from the rows (small test tables only)."""
    today = timezone.localdate()
    this_week = (today.toordinal() - 1) // 7
    days = {}
    for member_id, at in CheckIn.objects.values_list("member_id", "at"):
        days.setdefault(member_id, set()).add(timezone.localtime(at).date())
    expected = {}
    for member in Member.objects.all():
        visited = days.get(member.pk, set())
        weeks = {(d.toordinal() - 1) // 7 for d in visited}
        streak = 0
        week = this_week if this_week in weeks else this_week - 1
        while week in weeks:
            streak += 1
            week -= 1
        last = max(visited) if visited else None
        expected[member.pk] = {
            "last_visit_on": last,
            "visits_30d": sum(1 for d in visited if d > today - timedelta(days=30)),
            "streak_weeks": streak,
            "at_risk": last is None or (today - last).days > 21,
        }
    return expected


def _actual():
    return {
        pk: {"last_visit_on": last, "visits_30d": v30, "streak_weeks": streak, "at_risk": risk}
        for pk, last, v30, streak, risk in Member.objects.values_list(
            "pk", "last_visit_on", "visits_30d", "streak_weeks", "at_risk")
    }


def test_activity_job_does_not_materialise_the_whole_checkin_table(club, live_checkins):
    total = 6000
    _add_checkins(club, total, seed=11)

    live_checkins.reset()
    result = rebuild_member_activity()

    assert result["members_updated"] == MEMBERS
    held = live_checkins.held_at_once
    assert held <= total // 2, (
        f"{held} of {total} check-ins were held in memory at the same time"
    )
    assert _actual() == _expected()
    favorites = dict(Member.objects.values_list("pk", "favorite_gym__code"))
    gyms, members = club
    assert all(favorites[m.pk] == gyms[i % 3].code for i, m in enumerate(members))


def test_activity_job_does_not_keep_a_whole_checkin_result_in_memory(club, cached_checkin_results):
    total = 6000
    _add_checkins(club, total, seed=5)
    cached_checkin_results.clear()

    result = rebuild_member_activity()

    assert result["members_updated"] == MEMBERS
    largest = max(cached_checkin_results, default=0)
    assert largest <= total // 2, f"a check-in query result of {largest} rows (of {total}) was held in memory"
    assert _actual() == _expected()


def test_small_table_results_unchanged(club):
    _add_checkins(club, 400, seed=3)
    rebuild_member_activity()
    assert _actual() == _expected()
    gyms, members = club
    favorites = dict(Member.objects.values_list("pk", "favorite_gym__code"))
    assert all(favorites[m.pk] == gyms[i % 3].code for i, m in enumerate(members))
