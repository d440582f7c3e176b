from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from rinks.models import IceSession, Rink, Sheet


@pytest.fixture(autouse=True)
def clean_cache():
    # job guards live in the cache; start every test from a clean slate
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rink(db):
    return Rink.objects.create(name="Northgate Arena", slug="northgate")


@pytest.fixture
def sheet_a(rink):
    return Sheet.objects.create(rink=rink, code="A", name="Sheet A", resurface_minutes=15)


@pytest.fixture
def tomorrow():
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def at():
    """at(day, "17:30") -> aware datetime in arena time."""
    def _at(day, hhmm):
        hour, minute = map(int, hhmm.split(":"))
        return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))
    return _at


@pytest.fixture
def add_session(at):
    def _add(sheet, day, start, end, kind=IceSession.Kind.HOCKEY, **kwargs):
        return IceSession.objects.create(
            sheet=sheet, kind=kind, starts_at=at(day, start),
            ends_at=at(day, end) if end else None, **kwargs)
    return _add
