"""Exact discovery on the fixture projects under tests/fixtures (every component, nothing more).

The expected sets follow the inventory in tests/fixtures/README.md, checked against each project's code.
Names are what the frameworks register: Celery task names, RQ ``func_name`` (``module.function``; the bare
function name is an alias), command names, schedule keys. Symbols are the code that runs: ``Command.handle``
for commands, ``Task.run`` for Task classes, the function handed the SparkSession for PySpark jobs.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.discover import build_index, discover_components, resolve_component

#: (type, flavor, name, file, symbol) of every component, read off each project's code and deploy files.
EXPECTED = {
    'ledgerly': {
        ('background-worker', 'celery-task', 'billing.charge_subscription', 'billing/tasks.py', 'charge_subscription'),
        ('background-worker', 'celery-task', 'billing.refund_charge', 'billing/tasks.py', 'refund_charge'),
        ('background-worker', 'celery-task', 'billing.tasks.charge_due_subscriptions', 'billing/tasks.py', 'charge_due_subscriptions'),
        ('background-worker', 'celery-task', 'billing.tasks.recompute_mrr', 'billing/tasks.py', 'recompute_mrr'),
        ('background-worker', 'celery-task', 'billing.tasks.expire_trials', 'billing/tasks.py', 'expire_trials'),
        ('background-worker', 'celery-task', 'billing.tasks.record_credit_entry', 'billing/tasks.py', 'record_credit_entry'),
        ('background-worker', 'celery-task', 'billing.tasks.send_usage_alerts', 'billing/tasks.py', 'send_usage_alerts'),
        ('background-worker', 'celery-task', 'billing.tasks.publish_price_list', 'billing/tasks.py', 'publish_price_list'),
        ('background-worker', 'celery-task', 'invoicing.tasks.render_invoice_pdf', 'invoicing/tasks.py', 'render_invoice_pdf'),
        ('background-worker', 'celery-task', 'invoicing.tasks.email_invoice', 'invoicing/tasks.py', 'email_invoice'),
        ('background-worker', 'celery-task', 'invoicing.tasks.email_payment_receipt', 'invoicing/tasks.py', 'email_payment_receipt'),
        ('background-worker', 'celery-task', 'invoicing.tasks.email_void_notice', 'invoicing/tasks.py', 'email_void_notice'),
        ('background-worker', 'celery-task', 'integrations.push_customer', 'ops/integrations/tasks.py', 'push_customer'),
        ('background-worker', 'rq-job', 'invoicing.jobs.export_invoices_csv', 'invoicing/jobs.py', 'export_invoices_csv'),
        ('cli-tool', 'management-command', 'close_billing_period', 'billing/management/commands/close_billing_period.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'export_invoices', 'invoicing/management/commands/export_invoices.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'sync_crm', 'ops/integrations/management/commands/sync_crm.py', 'Command.handle'),
        ('scheduled-job', 'beat-schedule', 'charge-due-subscriptions', 'billing/tasks.py', 'charge_due_subscriptions'),
        ('scheduled-job', 'beat-schedule', 'recompute-mrr', 'billing/tasks.py', 'recompute_mrr'),
        ('scheduled-job', 'beat-schedule', 'expire-trials', 'billing/tasks.py', 'expire_trials'),
        ('scheduled-job', 'django-crontab', 'close_billing_period', 'billing/management/commands/close_billing_period.py', 'Command.handle'),
        ('scheduled-job', 'django-crontab', 'invoicing.cron.send_dunning_reminders', 'invoicing/cron.py', 'send_dunning_reminders'),
        ('scheduled-job', 'django-crontab', 'sync_crm', 'ops/integrations/management/commands/sync_crm.py', 'Command.handle'),
        ('pyspark-job', 'pyspark-job', 'revenue_report', 'billing/spark/revenue_report.py', 'main'),
    },
    'shipyard': {
        ('background-worker', 'celery-task', 'apps.inventory.tasks.release_expired_reservations', 'apps/inventory/tasks.py', 'release_expired_reservations'),
        ('background-worker', 'celery-task', 'apps.inventory.tasks.record_pick', 'apps/inventory/tasks.py', 'record_pick'),
        ('background-worker', 'celery-task', 'apps.inventory.tasks.record_restock', 'apps/inventory/tasks.py', 'record_restock'),
        ('background-worker', 'celery-task', 'apps.inventory.tasks.import_legacy_stock', 'apps/inventory/tasks.py', 'import_legacy_stock'),
        ('background-worker', 'celery-task', 'apps.inventory.tasks.export_stock_snapshot', 'apps/inventory/tasks.py', 'export_stock_snapshot'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.generate_label', 'apps/shipping/tasks.py', 'generate_label'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.void_label', 'apps/shipping/tasks.py', 'void_label'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.book_pickup', 'apps/shipping/tasks.py', 'book_pickup'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.poll_tracking', 'apps/shipping/tasks.py', 'poll_tracking'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.poll_open_shipments', 'apps/shipping/tasks.py', 'poll_open_shipments'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.record_scan', 'apps/shipping/tasks.py', 'record_scan'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.quote_rates', 'apps/shipping/tasks.py', 'quote_rates'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.notify_customer_dispatched', 'apps/shipping/tasks.py', 'notify_customer_dispatched'),
        ('background-worker', 'celery-task', 'apps.shipping.tasks.notify_customer_delivered', 'apps/shipping/tasks.py', 'notify_customer_delivered'),
        ('background-worker', 'celery-task-class', 'inventory.sync_stock_levels', 'apps/inventory/tasks.py', 'StockSyncTask.run'),
        ('background-worker', 'rq-job', 'apps.shipping.jobs.build_manifest', 'apps/shipping/jobs.py', 'build_manifest'),
        ('background-worker', 'rq-job', 'apps.shipping.jobs.render_label_pdf', 'apps/shipping/jobs.py', 'render_label_pdf'),
        ('cli-tool', 'management-command', 'import_legacy_stock', 'apps/inventory/management/commands/import_legacy_stock.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'purge_stale_reservations', 'apps/inventory/management/commands/purge_stale_reservations.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'carrier_performance_report', 'apps/shipping/management/commands/carrier_performance_report.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'nightly_rollup', 'apps/shipping/management/commands/nightly_rollup.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'reprint_labels', 'apps/shipping/management/commands/reprint_labels.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'import_orders', 'apps/shipping/management/commands/import_orders.py', 'Command.handle'),
        ('scheduled-job', 'beat-schedule', 'release-expired-reservations', 'apps/inventory/tasks.py', 'release_expired_reservations'),
        ('scheduled-job', 'beat-schedule', 'sync-stock-levels-ams', 'apps/inventory/tasks.py', 'StockSyncTask.run'),
        ('scheduled-job', 'beat-schedule', 'poll-open-shipments', 'apps/shipping/tasks.py', 'poll_open_shipments'),
        ('scheduled-job', 'crontab', 'import_legacy_stock', 'apps/inventory/management/commands/import_legacy_stock.py', 'Command.handle'),
        ('scheduled-job', 'crontab', 'purge_stale_reservations', 'apps/inventory/management/commands/purge_stale_reservations.py', 'Command.handle'),
        ('scheduled-job', 'k8s-cronjob', 'shipyard-nightly-rollup', 'apps/shipping/management/commands/nightly_rollup.py', 'Command.handle'),
        # carrier_performance_report hands the session of build_session() to run(): run is the job's entry
        ('pyspark-job', 'pyspark-job', 'carrier_performance', 'apps/shipping/spark_jobs/carrier_performance.py', 'run'),
    },
    'staybook': {
        ('background-worker', 'celery-task', 'analytics.tasks.refresh_occupancy_cache', 'analytics/tasks.py', 'refresh_occupancy_cache'),
        ('background-worker', 'celery-task', 'analytics.tasks.purge_old_snapshots', 'analytics/tasks.py', 'purge_old_snapshots'),
        ('background-worker', 'celery-task', 'bookings.tasks.send_booking_confirmation', 'bookings/tasks.py', 'send_booking_confirmation'),
        ('background-worker', 'celery-task', 'bookings.tasks.notify_host', 'bookings/tasks.py', 'notify_host'),
        ('background-worker', 'celery-task', 'bookings.tasks.sync_channel_calendar', 'bookings/tasks.py', 'sync_channel_calendar'),
        ('background-worker', 'celery-task', 'bookings.tasks.push_availability', 'bookings/tasks.py', 'push_availability'),
        ('background-worker', 'celery-task', 'bookings.tasks.sync_all_calendars', 'bookings/tasks.py', 'sync_all_calendars'),
        ('background-worker', 'celery-task', 'bookings.tasks.remind_guest', 'bookings/tasks.py', 'remind_guest'),
        ('background-worker', 'celery-task', 'bookings.tasks.remind_host', 'bookings/tasks.py', 'remind_host'),
        ('background-worker', 'celery-task', 'listings.tasks.track_listing_view', 'listings/tasks.py', 'track_listing_view'),
        ('background-worker', 'celery-task', 'listings.tasks.track_inquiry', 'listings/tasks.py', 'track_inquiry'),
        ('background-worker', 'rq-job', 'bookings.jobs.send_host_payout', 'bookings/jobs.py', 'send_host_payout'),
        ('background-worker', 'rq-job', 'bookings.jobs.recalc_listing_rating', 'bookings/jobs.py', 'recalc_listing_rating'),
        ('cli-tool', 'management-command', 'occupancy_report', 'analytics/management/commands/occupancy_report.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'queue_payouts', 'bookings/management/commands/queue_payouts.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'run_scheduler', 'bookings/management/commands/run_scheduler.py', 'Command.handle'),
        ('cli-tool', 'management-command', 'import_channel_bookings', 'bookings/management/commands/import_channel_bookings.py', 'Command.handle'),
        ('scheduled-job', 'apscheduler', 'expire-pending-bookings', 'bookings/scheduler.py', 'expire_pending_bookings'),
        ('scheduled-job', 'apscheduler', 'complete-finished-stays', 'bookings/scheduler.py', 'complete_finished_stays'),
        ('scheduled-job', 'beat-schedule', 'refresh occupancy cache', 'analytics/tasks.py', 'refresh_occupancy_cache'),
        ('scheduled-job', 'beat-schedule', 'sync calendars', 'bookings/tasks.py', 'sync_all_calendars'),
        ('scheduled-job', 'k8s-cronjob', 'staybook-occupancy-report', 'analytics/management/commands/occupancy_report.py', 'Command.handle'),
        ('pyspark-job', 'pyspark-job', 'occupancy', 'analytics/jobs/occupancy.py', 'run'),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_discovery_is_exact(fixtures_dir: Path, name: str) -> None:
    index = build_index(fixtures_dir / name)
    assert index.errors == []
    got = {(c.type, c.flavor, c.name, c.file, c.symbol) for c in discover_components(index)}
    assert got == EXPECTED[name]


def test_fixture_schedule_targets(fixtures_dir: Path) -> None:
    comps = discover_components(build_index(fixtures_dir / "staybook"))
    sync = resolve_component(comps, "scheduled-job", "sync calendars")
    assert (sync.target, sync.declared_in) == ("bookings.tasks.sync_all_calendars", "staybook/celery.py")
    k8s = resolve_component(comps, "scheduled-job", "manage.py occupancy_report")
    assert (k8s.flavor, k8s.declared_in) == ("k8s-cronjob", "deploy/k8s/cronjob-occupancy.yaml")
    ledger = discover_components(build_index(fixtures_dir / "ledgerly"))
    close = resolve_component(ledger, "scheduled-job", "close_billing_period")
    assert (close.flavor, close.target, close.declared_in) == (
        "django-crontab", "close_billing_period", "ledgerly/settings.py")
    assert resolve_component(ledger, "pyspark-job", "revenue report").file == "billing/spark/revenue_report.py"


@pytest.mark.parametrize(("project", "file", "starter"), [
    ("shipyard", "apps/shipping/spark_jobs/carrier_performance.py", "manage.py carrier_performance_report"),
    ("staybook", "analytics/jobs/occupancy.py", "manage.py occupancy_report"),
])
def test_fixture_spark_jobs_started_by_their_command(fixtures_dir: Path, project: str, file: str,
                                                     starter: str) -> None:
    # The session comes from a factory in the job module (build_session / get_spark), which the
    # command calls and hands on to run().
    comps = discover_components(build_index(fixtures_dir / project))
    job = next(c for c in comps if c.type == "pyspark-job")
    assert (job.file, job.symbol, dict(job.details).get("started_by")) == (file, "run", starter)


def test_fixture_revenue_report_has_no_starter(fixtures_dir: Path) -> None:
    comps = discover_components(build_index(fixtures_dir / "ledgerly"))
    job = next(c for c in comps if c.type == "pyspark-job")
    assert (job.symbol, job.details) == ("main", ())  # spark-submit runs main(); no command starts it


@pytest.mark.parametrize(("project", "ctype", "name", "expected"), [
    # the inventory's names for components whose primary name differs
    ("shipyard", "background-worker", "build_manifest", "apps.shipping.jobs.build_manifest"),
    ("shipyard", "background-worker", "render_label_pdf", "apps.shipping.jobs.render_label_pdf"),
    ("shipyard", "background-worker", "StockSyncTask", "inventory.sync_stock_levels"),
    ("shipyard", "cli-tool", "import_orders", "import_orders"),
    ("ledgerly", "background-worker", "export_invoices_csv", "invoicing.jobs.export_invoices_csv"),
    ("ledgerly", "background-worker", "billing.tasks.charge_subscription", "billing.charge_subscription"),
    ("ledgerly", "background-worker", "ops.integrations.tasks.push_customer", "integrations.push_customer"),
    ("staybook", "background-worker", "send_host_payout", "bookings.jobs.send_host_payout"),
    ("staybook", "cli-tool", "import_channel_bookings", "import_channel_bookings"),
    ("staybook", "scheduled-job", "expire_pending_bookings", "expire-pending-bookings"),
])
def test_fixture_inventory_names_resolve(fixtures_dir: Path, project: str, ctype: str, name: str,
                                         expected: str) -> None:
    comps = discover_components(build_index(fixtures_dir / project))
    assert resolve_component(comps, ctype, name).name == expected
