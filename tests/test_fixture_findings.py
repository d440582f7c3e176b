"""What the W3/W4/W5 rules report on the fixture projects and the bundled sample: every planted bug,
nothing else, and never a finding on a planted bug's correct twin (see tests/fixtures/README.md).

The W5 Decimal (ledgerly ``apply_credit``) and datetime (staybook ``schedule_reminders``) cases are no bugs
under the Celery these projects pin (``celery>=5.3``): kombu's JSON encoder round-trips both. They are
reported only when an older Celery/kombu is pinned, which the last test checks on copies of the projects.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rootfix.demo
from rootfix.config import Config
from rootfix.discover import build_index
from rootfix.check.engine import run_check

SELECT = "WRK3,WRK4,WRK5"
SAMPLE = Path(rootfix.demo.__file__).parent / "sample"

#: (code, file, symbol) of every finding with the default scope (code reachable from components, plus
#: the places that publish a project task).
EXPECTED = {
    "shipyard": {
        # W3 direct: generate_label.delay() inside atomic() (reached from command import_orders)
        ("WRK301", "apps/shipping/services.py", "create_shipment"),
        # W4: both read-modify-write fields of record_pick (pick_count, on_hand) -- see the line test below
        ("WRK401", "apps/inventory/tasks.py", "record_pick"),
        # W5: the Shipment instance passed to notify_customer_dispatched.delay()
        ("WRK501", "apps/shipping/services.py", "mark_shipped"),
    },
    "ledgerly": {
        # W3 via helper: render_invoice_pdf.delay() + email_invoice.delay() in a helper called inside atomic()
        ("WRK301", "invoicing/notifications.py", "notify_invoice_finalized"),
    },
    "staybook": {
        # W3 in a post_save receiver (Booking is created inside atomic() in bookings.services.book)
        ("WRK301", "bookings/signals.py", "send_confirmation_on_create"),
        ("WRK401", "listings/tasks.py", "track_listing_view"),
    },
    "deskly": {
        ("WRK301", "tickets/services.py", "open_ticket"),
    },
}

#: (file, symbol) of the correct twins in the inventory, plus the W5 cases that are no bugs under celery>=5.3.
QUIET = {
    "shipyard": [
        ("apps/shipping/services.py", "cancel_shipment"),
        ("apps/inventory/tasks.py", "record_restock"),
        ("apps/shipping/tasks.py", "record_scan"),
        ("apps/shipping/services.py", "mark_delivered"),
    ],
    "ledgerly": [
        ("invoicing/services.py", "void_invoice"),
        ("invoicing/notifications.py", "notify_invoice_voided"),
        ("billing/tasks.py", "charge_due_subscriptions"),
        ("billing/services.py", "grant_promotional_credit"),
        ("billing/services.py", "credit_after_commit"),
        ("billing/services.py", "apply_credit"),  # Decimal: round-tripped by kombu >= 5.3
    ],
    "staybook": [
        ("bookings/signals.py", "notify_host_on_change"),
        ("listings/tasks.py", "track_inquiry"),
        ("bookings/services.py", "schedule_reminders"),  # datetime (and the .isoformat() twin)
    ],
    "deskly": [
        ("tickets/services.py", "add_reply"),
    ],
}


def _root(fixtures_dir: Path, project: str) -> Path:
    return SAMPLE if project == "deskly" else fixtures_dir / project


def _findings(root: Path, *, all_code: bool = False):
    result = run_check([root], root=root, select=SELECT, all_code=all_code, config=Config(), use_cache=False)
    assert result.internal_errors == []
    return result.findings


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_planted_bugs_found_exactly(fixtures_dir: Path, project: str) -> None:
    got = {(f.code, f.file, f.symbol) for f in _findings(_root(fixtures_dir, project))}
    assert got == EXPECTED[project]


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_all_code_finds_nothing_more(fixtures_dir: Path, project: str) -> None:
    got = {(f.code, f.file, f.symbol) for f in _findings(_root(fixtures_dir, project), all_code=True)}
    assert got == EXPECTED[project]


@pytest.mark.parametrize("project", sorted(QUIET))
def test_twins_stay_quiet(fixtures_dir: Path, project: str) -> None:
    root = _root(fixtures_dir, project)
    index = build_index(root)
    for file, symbol in QUIET[project]:  # the twin is there, so its silence means something
        assert any(fn.file == file and fn.symbol == symbol for fn in index.functions.values()), (file, symbol)
    for all_code in (False, True):
        reported = {(f.file, f.symbol) for f in _findings(root, all_code=all_code)}
        assert reported.isdisjoint(QUIET[project]), (all_code, reported & set(QUIET[project]))


def test_finding_lines(fixtures_dir: Path) -> None:
    """The exact statements: both fields of record_pick, both enqueues of the ledgerly helper."""
    lines = {}
    for project in ("shipyard", "ledgerly", "staybook"):
        for f in _findings(fixtures_dir / project):
            lines.setdefault((project, f.code, f.symbol), []).append(
                (fixtures_dir / project / f.file).read_text().splitlines()[f.line - 1].strip())
    assert sorted(lines[("shipyard", "WRK401", "record_pick")]) == ["item.on_hand -= quantity", "item.pick_count += 1"]
    assert lines[("shipyard", "WRK501", "mark_shipped")] == ["notify_customer_dispatched.delay(shipment, shipment.shipped_at)"]
    assert sorted(lines[("ledgerly", "WRK301", "notify_invoice_finalized")]) == [
        "email_invoice.delay(invoice.pk)", "render_invoice_pdf.delay(invoice.pk)"]
    assert lines[("staybook", "WRK301", "send_confirmation_on_create")] == [
        "send_booking_confirmation.delay(instance.pk)"]


@pytest.mark.parametrize(("project", "expected"), [
    ("ledgerly", {("WRK501", "billing/services.py", "apply_credit", "amount")}),
    ("staybook", {("WRK501", "bookings/services.py", "schedule_reminders", "remind_at")}),
])
def test_decimal_and_datetime_reported_with_old_celery(fixtures_dir: Path, tmp_path: Path, project: str,
                                                        expected: set) -> None:
    root = tmp_path / project
    shutil.copytree(fixtures_dir / project, root, ignore=shutil.ignore_patterns("*.sqlite3", "__pycache__"))
    req = root / "requirements.txt"
    req.write_text("\n".join("celery==5.2.7" if line.startswith("celery") else line
                             for line in req.read_text().splitlines()) + "\n")
    got = {(f.code, f.file, f.symbol, f.message.split()[0]) for f in _findings(root) if f.code == "WRK501"}
    assert got == expected
