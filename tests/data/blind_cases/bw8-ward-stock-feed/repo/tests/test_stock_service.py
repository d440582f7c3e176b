import pytest

from pharmacy.feeds.client import FeedClient
from pharmacy.feeds.stock_service import BadStockLine, WardStockService
from pharmacy.models import StockLevel, SyncRun


def test_parse_line():
    line = WardStockService.parse_line({"item": "MOR10", "qty": "12", "par": 10, "updated": "2024-05-02T06:00:00"})
    assert line.item_code == "MOR10"
    assert line.quantity == 12
    assert line.par_level == 10
    assert line.updated_at.tzinfo is not None


@pytest.mark.parametrize("item", [{"qty": 3}, {"item": "X", "qty": "lots"}, {"item": "X", "qty": -1}, {"item": " ", "qty": 1}])
def test_parse_line_rejects_garbage(item):
    with pytest.raises(BadStockLine):
        WardStockService.parse_line(item)


@pytest.mark.django_db
def test_sync_updates_levels_and_skips_bad_lines(stocked_icu, feed):
    feed.get = lambda path: {"lines": [
        {"item": "MOR10", "qty": 7, "par": 10},
        {"item": "PAR500", "desc": "Paracetamol 500mg tab", "qty": 300, "par": 100},
        {"item": "BROKEN"},
    ]}
    count = WardStockService(FeedClient("http://feed.test")).sync(stocked_icu)

    assert count == 2
    levels = {s.drug.code: s.quantity for s in StockLevel.objects.filter(ward=stocked_icu)}
    assert levels == {"MOR10": 7, "PAR500": 300}
    run = SyncRun.objects.get()
    assert (run.status, run.lines, run.skipped) == ("ok", 2, 1)
    stocked_icu.refresh_from_db()
    assert stocked_icu.last_synced_at is not None
