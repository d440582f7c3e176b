"""Acceptance tests: the nightly award_points job, run on a real local Spark session
(several write partitions on two worker processes), credits the members' points, and
the Spark Python workers do not keep database connections open once the job is done."""
import os
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from members.models import Member
from rewards.jobs.award_points import run_award_points
from rewards.models import PointsLedger, PointsRun

DAY = date(2024, 11, 29)
NEXT_DAY = date(2024, 11, 30)

RECEIPTS_DAY = [
    # receipt_id, store, till, card, purchased_at, total, bonus
    ("R1001", "MAN01", "1", "6340001", "2024-11-29 09:05:00", "23.80", "4.50"),
    ("R1002", "MAN01", "2", "6340001", "2024-11-29 17:40:00", "5.99", ""),
    ("R1003", "MAN01", "1", "6340002", "2024-11-29 10:15:00", "61.20", ""),
    ("R1004", "MAN01", "3", "", "2024-11-29 10:16:00", "12.00", ""),
    ("R2001", "LIV02", "1", "6340003", "2024-11-29 12:00:00", "40.00", "10.00"),
    ("R2002", "LIV02", "1", "6340003", "2024-11-29 15:00:00", "-12.50", ""),
    ("R2003", "LIV02", "2", "6340004", "2024-11-29 08:30:00", "7.45", ""),
    ("R2004", "LIV02", "2", "6349999", "2024-11-29 08:31:00", "30.00", ""),  # card not registered
    ("R3001", "STK03", "1", "6340005", "2024-11-29 18:00:00", "102.10", "20.00"),
    ("R3002", "STK03", "1", "6340006", "2024-11-29 18:05:00", "15.00", ""),
    ("R3003", "STK03", "2", "6340007", "2024-11-29 19:45:00", "3.10", "3.10"),
    ("R3004", "STK03", "2", "6340008", "2024-11-29 20:00:00", "48.00", ""),
]
EXPECTED_DAY = {
    "6340001": 23 + 4 * 2 + 5,
    "6340002": 61,
    "6340003": 40 + 10 * 2 - 12,
    "6340004": 7,
    "6340005": 102 + 20 * 2,
    "6340006": 15,
    "6340007": 3 + 3 * 2,
    "6340008": 48,
}
RECEIPTS_NEXT_DAY = [
    ("R4001", "MAN01", "1", "6340001", "2024-11-30 11:00:00", "10.00", ""),
    ("R4002", "LIV02", "1", "6340004", "2024-11-30 11:30:00", "20.50", ""),
    ("R4003", "STK03", "1", "6340008", "2024-11-30 12:00:00", "2.00", "2.00"),
]


def _pids_under(root_pid):
    """All live descendants of root_pid (Spark's JVM, the pyspark daemon and its workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root_pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _processes_holding(path):
    """Processes started by this test session (not the test process itself) that have `path` open."""
    target = os.path.realpath(path)
    holders = []
    for pid in _pids_under(os.getpid()):
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.path.realpath(os.readlink(f"/proc/{pid}/fd/{fd}")) == target:
                    holders.append(pid)
                    break
            except OSError:
                continue
    return holders


@pytest.fixture
def members(transactional_db, stores):
    created = {}
    for i, card in enumerate(sorted(EXPECTED_DAY)):
        created[card] = Member.objects.create(card_number=card, first_name=f"M{i}", last_name="Test",
                                              home_store=stores["MAN01"], points_balance=100, lifetime_points=100)
    return created


def _balances():
    return dict(Member.objects.values_list("card_number", "points_balance"))


@pytest.mark.django_db(transaction=True)
def test_job_credits_points_for_the_day(spark, members, write_receipts):
    folder = write_receipts(RECEIPTS_DAY, name="day")

    run = run_award_points(spark, DAY, folder)

    run.refresh_from_db()
    assert run.status == PointsRun.Status.COMPLETED
    assert _balances() == {card: 100 + pts for card, pts in EXPECTED_DAY.items()}
    ledger = dict(PointsLedger.objects.filter(kind=PointsLedger.Kind.PURCHASE, business_date=DAY)
                  .values_list("member__card_number", "points"))
    assert ledger == EXPECTED_DAY
    assert run.members_credited == len(EXPECTED_DAY)
    assert run.points_awarded == sum(EXPECTED_DAY.values())
    assert Member.objects.get(card_number="6340005").last_purchase_on == DAY


@pytest.mark.django_db(transaction=True)
def test_spark_workers_hold_no_database_connection_after_the_job(spark, members, write_receipts):
    db_file = connection.settings_dict["NAME"]

    run_award_points(spark, DAY, write_receipts(RECEIPTS_DAY, name="day"))
    assert _processes_holding(db_file) == [], "Spark worker processes still hold the database open after the job"

    run_award_points(spark, NEXT_DAY, write_receipts(RECEIPTS_NEXT_DAY, name="next"))
    assert _processes_holding(db_file) == [], "Spark worker processes still hold the database open after the job"

    balances = _balances()
    assert balances["6340001"] == 100 + EXPECTED_DAY["6340001"] + 10
    assert balances["6340004"] == 100 + EXPECTED_DAY["6340004"] + 20
    assert balances["6340008"] == 100 + EXPECTED_DAY["6340008"] + 2 + 2 * 2
    assert PointsRun.objects.filter(status=PointsRun.Status.COMPLETED).count() == 2
