"""Acceptance tests: the policy snapshot task must release its connection to
the legacy policy mirror on every path, including the ones where the lookup
fails half-way (unknown policy, unusable mirror data, the mirror being
swapped by the export job).

Every connection handed out by ``claims.legacy.open_policy_db`` is tracked;
after the task has run, each of them must be closed.
"""
import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from claims import legacy
from claims.models import Adjuster, Claim
from claims.tasks import snapshot_policy


class TrackedConnection:
    """Wraps a real mirror connection; can make the coverage query fail like a locked/swapped file."""

    def __init__(self, real, fail_coverage_query=False):
        self._real = real
        self._fail = fail_coverage_query

    def execute(self, sql, *args, **kwargs):
        if self._fail and "coverage" in sql.lower():
            raise sqlite3.OperationalError("database is locked")
        return self._real.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        self._real.__enter__()
        return self

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)


def is_open(conn):
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


@pytest.fixture
def opened(monkeypatch):
    real_open = legacy.open_policy_db
    state = {"connections": [], "fail_coverage_query": False}

    def tracking_open(*args, **kwargs):
        real = real_open(*args, **kwargs)
        state["connections"].append(real)
        return TrackedConnection(real, state["fail_coverage_query"])

    monkeypatch.setattr(legacy, "open_policy_db", tracking_open)
    yield state
    for conn in state["connections"]:
        try:
            conn.close()
        except Exception:
            pass


@pytest.fixture
def mirror_file(tmp_path, settings):
    path = tmp_path / "mirror.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(legacy.SCHEMA)
    start = date.today() - timedelta(days=100)
    end = start + timedelta(days=365)
    conn.execute("INSERT INTO policy VALUES (1, 'HP-500100', 'HOME-PLUS', 'A. Byrne', ?, ?, 'in_force')",
                 (start.isoformat(), end.isoformat()))
    conn.execute("INSERT INTO coverage VALUES (1, 1, 'storm', 8000000, 50000, ?, ?)",
                 (start.isoformat(), end.isoformat()))
    # a row the PAS export sometimes produces with a placeholder date
    conn.execute("INSERT INTO policy VALUES (2, 'HP-500200', 'HOME-PLUS', 'C. Lund', ?, ?, 'in_force')",
                 (start.isoformat(), end.isoformat()))
    conn.execute("INSERT INTO coverage VALUES (2, 2, 'storm', 8000000, 50000, 'N/A', ?)", (end.isoformat(),))
    conn.commit()
    conn.close()
    settings.LEGACY_POLICY_DB = str(path)
    return path


def claim(number, policy_number):
    return Claim.objects.create(number=number, policy_number=policy_number, loss_type="property", peril="storm",
                                loss_date=date.today() - timedelta(days=2), claimant_name="Claimant",
                                estimated_amount=Decimal("4100"))


@pytest.fixture(autouse=True)
def failures_stay_in_the_result():
    # like a worker: a failed attempt (or its retries) is recorded, not raised into the caller
    conf = snapshot_policy.app.conf
    previous = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = previous


def run(claim_obj):
    try:
        snapshot_policy.apply(args=[claim_obj.pk], throw=False)
    except Exception:
        pass  # how the failure is reported is not what these tests are about


@pytest.mark.django_db
def test_connection_is_closed_when_the_policy_is_not_in_the_mirror(mirror_file, opened):
    claims = [claim(f"CL-NF{i}", f"HP-9{i:05d}") for i in range(5)]

    for c in claims:
        run(c)

    assert len(opened["connections"]) == 5
    leaked = [conn for conn in opened["connections"] if is_open(conn)]
    assert leaked == [], f"{len(leaked)} of 5 mirror connections left open after 'policy not found'"
    for c in claims:
        c.refresh_from_db()
        assert c.status == Claim.Status.NEEDS_REVIEW
        assert "not in the mirror" in c.review_reason


@pytest.mark.django_db
def test_connection_is_closed_when_mirror_data_is_unusable(mirror_file, opened):
    run(claim("CL-BAD1", "HP-500200"))

    assert len(opened["connections"]) == 1
    assert not is_open(opened["connections"][0]), "mirror connection left open after a bad coverage row"


@pytest.mark.django_db
def test_connections_are_closed_when_the_mirror_is_locked_and_the_task_retries(mirror_file, opened):
    opened["fail_coverage_query"] = True

    run(claim("CL-LCK1", "HP-500100"))

    assert len(opened["connections"]) > 1, "the locked mirror should have been retried"
    leaked = [conn for conn in opened["connections"] if is_open(conn)]
    assert leaked == [], f"{len(leaked)} of {len(opened['connections'])} connections left open while retrying"


@pytest.mark.django_db
def test_successful_snapshot_still_works_and_closes_its_connection(mirror_file, opened):
    Adjuster.objects.create(name="Tom Reed", email="t.reed@claimwise.example")
    c = claim("CL-OK1", "HP-500100")

    assert snapshot_policy.apply(args=[c.pk], throw=True).get() == Claim.Status.COVERAGE_CONFIRMED

    c.refresh_from_db()
    assert c.policy_snapshot.limit == Decimal("80000.00")
    assert c.adjuster is not None
    assert [is_open(conn) for conn in opened["connections"]] == [False]
