"""W1/W2/W6 rules on the fixture projects: every planted bug is found, every correct twin stays quiet,
and where the project's own tests run the buggy task, the rule's fix is proven by its regression test."""
from __future__ import annotations

import pytest
from conftest import FIXTURES
from rule_behaviour import fix_and_prove

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
W_CODES = sorted(c for c in REGISTRY if c.startswith(("WRK1", "WRK2", "WRK6")))

#: fixture -> the planted W1/W2/W6 bugs as (code, file, symbol)
PLANTED = {
    "ledgerly": {
        ("WRK103", "billing/tasks.py", "charge_subscription"),
        ("WRK104", "invoicing/tasks.py", "email_invoice"),
        ("WRK202", "billing/tasks.py", "send_usage_alerts"),
        ("WRK601", "billing/tasks.py", "recompute_mrr"),
    },
    "shipyard": {
        ("WRK102", "apps/shipping/tasks.py", "poll_tracking"),
        ("WRK201", "apps/inventory/tasks.py", "import_legacy_stock"),
        ("WRK602", "apps/shipping/rates.py", "quote_for"),
    },
    "staybook": {
        ("WRK105", "bookings/tasks.py", "sync_channel_calendar"),
        ("WRK201", "analytics/tasks.py", "refresh_occupancy_cache"),
    },
}

#: fixture -> correct twins of the planted bugs as (file, symbol): no W1/W2/W6 finding there
TWINS = {
    "ledgerly": {
        ("billing/tasks.py", "publish_price_list"),  # thread target closes its connection in finally
        ("billing/tasks.py", "refund_charge"),  # raise self.retry(exc=exc)
        ("billing/tasks.py", "expire_trials"),  # .iterator(chunk_size=500)
        ("billing/tasks.py", "_push_plan_prices"),
        ("invoicing/tasks.py", "email_payment_receipt"),  # autoretry_for the SMTP errors, with backoff
        ("ops/integrations/tasks.py", "push_customer"),  # base task's autoretry_for is narrow, with backoff
    },
    "shipyard": {
        ("apps/shipping/tasks.py", "book_pickup"),  # bound, raise self.retry
        ("apps/shipping/tasks.py", "generate_label"),  # narrow autoretry_for with backoff
        ("apps/inventory/tasks.py", "export_stock_snapshot"),  # with closing(sqlite3.connect(...))
        ("apps/inventory/tasks.py", "release_expired_reservations"),  # .iterator()
        ("apps/shipping/rates.py", "carrier_codes_for_country"),  # bounded lru_cache
    },
    "staybook": {
        ("analytics/tasks.py", "purge_old_snapshots"),  # with connection.cursor()
        ("bookings/tasks.py", "push_availability"),  # narrow autoretry_for with backoff and a bound
    },
}

#: planted bugs whose fixture tests run the task: the fix must be proven (regression test fails before,
#: passes after, the fixture's suite still passes). Not here: ledgerly WRK202 (send_usage_alerts) and
#: shipyard WRK201 (import_legacy_stock) - no test of those fixtures runs the task, so no regression
#: test can be written; shipyard WRK602 has no fix.
PROVEN = [
    ("ledgerly", "WRK103", "billing/tasks.py"),
    ("ledgerly", "WRK104", "invoicing/tasks.py"),  # its tests reach email_invoice only through services
    ("ledgerly", "WRK601", "billing/tasks.py"),
    ("shipyard", "WRK102", "apps/shipping/tasks.py"),
    ("staybook", "WRK105", "bookings/tasks.py"),
    ("staybook", "WRK201", "analytics/tasks.py"),
]


def _found(fixture: str) -> set[tuple[str, str, str]]:
    index = RepoIndex.build(FIXTURES / fixture)
    # every twin is real code of the fixture (a renamed twin would make its check vacuous)
    missing = {(file, symbol) for file, symbol in TWINS[fixture]
               if file not in index.by_path or symbol not in index.by_path[file].functions}
    assert not missing, f"twins not found in {fixture}: {missing}"
    return {(f.code, f.file, f.symbol) for code in W_CODES for f in REGISTRY[code]().check(CheckContext(index))}


@pytest.mark.parametrize("fixture", sorted(PLANTED))
def test_planted_bugs_found_and_twins_quiet(fixture: str) -> None:
    if not (FIXTURES / fixture).is_dir():
        pytest.fail(f"fixture project {fixture} is missing")
    found = _found(fixture)
    assert found == PLANTED[fixture]
    noisy = {(file, symbol) for _, file, symbol in found} & TWINS[fixture]
    assert not noisy


def _inventory() -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(project, file, symbol) of the W1/W2/W6 bugs and of their twins in tests/fixtures/README.md's table."""
    bugs, twins = set(), set()
    for line in (FIXTURES / "README.md").read_text().splitlines():
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cols) < 5 or cols[0][:2] not in ("W1", "W2", "W6"):
            continue
        project = cols[1]
        for target, col in ((bugs, cols[2]), (twins, cols[4])):
            file, _, symbol = col.split(" (")[0].partition(" / ")
            target.add((project, file.strip(), symbol.strip()))
    return bugs, twins


def test_expectations_match_the_fixture_inventory() -> None:
    if not (FIXTURES / "README.md").is_file():
        pytest.fail("tests/fixtures/README.md (the inventory of planted bugs) is missing")
    bugs, twins = _inventory()
    assert bugs == {(p, file, symbol) for p, found in PLANTED.items() for _, file, symbol in found}
    assert twins <= {(p, file, symbol) for p, pairs in TWINS.items() for file, symbol in pairs}


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "code", "file"), PROVEN, ids=[f"{f}-{c}" for f, c, _ in PROVEN])
def test_fix_of_planted_bug_is_proven(fixture: str, code: str, file: str, project_repo) -> None:
    repo = project_repo(fixture)
    result = fix_and_prove(repo, code, file=file)
    assert result.proven, result.output
    # the replayed scenarios ran (a regression test that only skips proves nothing)
    assert result.skipped_after == 0, result.output
