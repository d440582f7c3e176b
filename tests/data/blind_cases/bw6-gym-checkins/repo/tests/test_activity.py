from datetime import timedelta

import pytest
from django.utils import timezone

from access.activity import ActivityRollup, week_index
from access.jobs import rebuild_member_activity
from access.models import CheckIn
from members.models import Member

pytestmark = pytest.mark.django_db


def _scan(member, gym, at, door="main"):
    return CheckIn.objects.create(member=member, gym=gym, at=at, door=door)


def test_week_index_is_monday_based():
    from datetime import date

    assert week_index(date(2024, 6, 3)) == week_index(date(2024, 6, 9))  # Mon..Sun
    assert week_index(date(2024, 6, 10)) == week_index(date(2024, 6, 9)) + 1


def test_visits_count_days_not_scans(gyms, make_member, local_dt):
    member = make_member()
    _scan(member, gyms["rino"], local_dt(2, 17, 55))
    _scan(member, gyms["rino"], local_dt(2, 18, 5), door="bouldering")
    _scan(member, gyms["golden"], local_dt(5))
    _scan(member, gyms["rino"], local_dt(45))

    rebuild_member_activity()
    member.refresh_from_db()
    assert member.visits_30d == 2
    assert member.last_visit_on == timezone.localdate() - timedelta(days=2)
    assert member.favorite_gym == gyms["rino"]
    assert member.at_risk is False
    assert member.activity_updated_at is not None


def test_streak_of_consecutive_weeks(gyms, make_member, local_dt):
    member = make_member()
    today = timezone.localdate()
    # one visit in each of the last four weeks (this week included), then a gap
    for weeks_back in (0, 1, 2, 3, 6):
        days_ago = today.weekday() + 7 * weeks_back if weeks_back else 0
        _scan(member, gyms["rino"], local_dt(days_ago, 7, 30))

    activity = ActivityRollup(as_of=local_dt(0, 23, 59)).compute()
    assert activity[member.pk].streak_weeks == 4


def test_streak_is_broken_after_two_empty_weeks(gyms, make_member, local_dt):
    member = make_member()
    today = timezone.localdate()
    _scan(member, gyms["rino"], local_dt(today.weekday() + 14, 7, 30))
    _scan(member, gyms["rino"], local_dt(today.weekday() + 21, 7, 30))

    activity = ActivityRollup(as_of=local_dt(0, 23, 59)).compute()
    assert activity[member.pk].streak_weeks == 0


def test_at_risk_flags(gyms, make_member, local_dt):
    lapsing = make_member("Lapsing")
    _scan(lapsing, gyms["rino"], local_dt(40))
    regular = make_member("Regular")
    _scan(regular, gyms["golden"], local_dt(3))
    newbie = make_member("Newbie", joined_days_ago=5)
    frozen = make_member("Frozen", status=Member.Status.FROZEN)
    cancelled = make_member("Gone", status=Member.Status.CANCELLED)

    result = rebuild_member_activity()
    assert result == {"members_updated": 4, "members_with_visits": 2}
    flags = dict(Member.objects.values_list("first_name", "at_risk"))
    assert flags == {"Lapsing": True, "Regular": False, "Newbie": False, "Frozen": False, "Gone": False}
    cancelled.refresh_from_db()
    assert cancelled.activity_updated_at is None
    frozen.refresh_from_db()
    assert frozen.last_visit_on is None and frozen.visits_30d == 0


def test_old_checkins_outside_the_window_are_ignored(gyms, make_member, local_dt):
    member = make_member()
    _scan(member, gyms["rino"], local_dt(400))
    rebuild_member_activity()
    member.refresh_from_db()
    assert member.last_visit_on is None
    assert member.at_risk is True


def test_as_of_accepts_an_iso_string(gyms, make_member, local_dt):
    member = make_member()
    _scan(member, gyms["rino"], local_dt(10))
    as_of = (timezone.now() - timedelta(days=20)).isoformat()
    rebuild_member_activity(as_of)
    member.refresh_from_db()
    assert member.last_visit_on is None
