import pytest

from bookings.feed import import_file
from bookings.models import FeedImport
from bookings.tasks import sync_booking_feed
from rinks.models import IceSession

EXPORT = """booking_ref,rink,sheet,kind,title,start,end,status
B-1,northgate,A,hockey,Wolves U13 practice,2024-11-15 17:00,2024-11-15 18:00,confirmed
B-2,northgate,A,rental,Birthday party,2024-11-15 18:15,,confirmed
B-3,northgate,A,public,Evening skate,2024-11-15 19:00,2024-11-15 21:00,cancelled
B-4,northgate,Z,hockey,Nowhere,2024-11-15 19:00,2024-11-15 20:00,confirmed
"""


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_text(EXPORT)
    return path


@pytest.mark.django_db
def test_import_creates_sessions_and_reports_bad_rows(sheet_a, export):
    result = import_file(export)
    assert (result.created, result.updated) == (3, 0)
    assert result.errors == ["line 5: B-4: unknown sheet northgate/Z"]
    party = IceSession.objects.get(external_ref="B-2")
    assert party.kind == IceSession.Kind.RENTAL and party.ends_at is None
    assert IceSession.objects.get(external_ref="B-3").cancelled


@pytest.mark.django_db
def test_unchanged_export_is_skipped_and_changes_update(sheet_a, export):
    import_file(export)
    assert import_file(export) is None
    export.write_text(EXPORT.replace("2024-11-15 18:15,,", "2024-11-15 18:15,2024-11-15 19:00,"))
    result = import_file(export)
    assert (result.created, result.updated) == (0, 3)
    assert IceSession.objects.get(external_ref="B-2").ends_at is not None
    assert FeedImport.objects.count() == 2


@pytest.mark.django_db
def test_periodic_sync(settings, sheet_a, export):
    settings.BOOKING_FEED_PATH = str(export)
    sync_booking_feed()
    sync_booking_feed()
    assert IceSession.objects.count() == 3
    assert FeedImport.objects.count() == 1
