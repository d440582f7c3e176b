from io import StringIO

import pytest
from django.core.management import call_command

from inventory.models import Reservation, StockLevel
from inventory.tasks import release_expired_holds


@pytest.mark.django_db
def test_reserve_counts_against_available(stocked, old_reservation):
    old_reservation("DUB", "SO-1", quantity=5)
    level = StockLevel.objects.get(warehouse=stocked["DUB"])
    assert level.available == 15


@pytest.mark.django_db
def test_release_command_releases_old_reservations(stocked, old_reservation):
    old_reservation("DUB", "SO-1", quantity=3)
    old_reservation("DUB", "SO-2", quantity=1, hours_ago=2)
    out = StringIO()
    call_command("release_stale_reservations", "--warehouse", "dub", stdout=out)
    assert "released 1 reservation(s), 3 unit(s)" in out.getvalue()
    assert Reservation.objects.get(order_ref="SO-1").release_reason == "stale"
    assert StockLevel.objects.get(warehouse=stocked["DUB"]).reserved == 1


@pytest.mark.django_db
def test_beat_task_releases_expired(stocked, old_reservation):
    old_reservation("ORK", "SO-9")
    assert release_expired_holds.delay().get() == 1


@pytest.mark.django_db
def test_recount_dry_run_changes_nothing(stocked, old_reservation):
    old_reservation("DUB", "SO-1", quantity=4)
    StockLevel.objects.filter(warehouse=stocked["DUB"]).update(reserved=9)
    out = StringIO()
    call_command("recount_stock", "DUB", "--dry-run", stdout=out)
    assert "would fix 1" in out.getvalue()
    assert StockLevel.objects.get(warehouse=stocked["DUB"]).reserved == 9
