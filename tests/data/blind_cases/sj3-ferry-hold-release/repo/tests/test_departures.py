from datetime import timedelta

import pytest

from fleet.departures import advance_statuses, report_delay
from fleet.jobs import advance_sailings_job
from fleet.models import Sailing

from .conftest import NOW


@pytest.mark.django_db
def test_statuses_follow_the_clock(make_sailing):
    leaving = make_sailing(NOW - timedelta(minutes=10))
    crossed = make_sailing(NOW - timedelta(hours=3))
    later = make_sailing(NOW + timedelta(hours=2))

    assert advance_statuses(now=NOW) == {"departed": 1, "arrived": 1}
    assert advance_sailings_job(now=NOW) == {"departed": 0, "arrived": 0}
    assert [s.status for s in Sailing.objects.order_by("departs_at")] == ["arrived", "departed", "scheduled"]
    assert later.pk and leaving.pk and crossed.pk


@pytest.mark.django_db
def test_delayed_sailing_is_not_departed_early(make_sailing):
    sailing = make_sailing(NOW - timedelta(minutes=10))
    report_delay(sailing, 30)
    advance_statuses(now=NOW)
    sailing.refresh_from_db()
    assert sailing.status == Sailing.Status.DELAYED
