"""Month-end reconciliation of billing periods against meter readings.

    spark-submit --master yarn --deploy-mode client \\
        --py-files gridbill.zip jobs/reconcile_billing.py \\
        --readings 's3a://gridbill-lake/readings/*' --cycle-end 2024-03-31

Same work as the nightly ``billing.reconcile_billing_periods`` Celery task, for a whole month of cycles at once
(and for re-runs after a late delivery of readings).
"""
import argparse
import logging
import os
import sys
from datetime import date
from decimal import Decimal

logger = logging.getLogger("jobs.reconcile_billing")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", required=True, help="path or glob of the readings CSV files")
    parser.add_argument("--cycle-end", type=date.fromisoformat, required=True,
                        help="reconcile closed periods that ended on or before this day")
    parser.add_argument("--account", action="append", dest="accounts", default=[],
                        help="only this household account number (repeatable)")
    parser.add_argument("--tolerance-kwh", type=Decimal, default=Decimal("0.5"))
    parser.add_argument("--dry-run", action="store_true", help="print the outcomes, write nothing")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gridbill.settings")
    import django

    django.setup()

    from billing.models import BillingPeriod
    from billing.reconciliation import PeriodReconciler
    from gridbill.spark import get_session
    from metering.readings import load_readings

    periods = BillingPeriod.objects.due_for_reconciliation(args.cycle_end).select_related("meter", "household")
    if args.accounts:
        periods = periods.filter(household__account_number__in=args.accounts)
    periods = list(periods)
    if not periods:
        logger.info("nothing to reconcile up to %s", args.cycle_end)
        return 0

    spark = get_session("reconcile-billing-month-end")
    try:
        reconciler = PeriodReconciler(spark, load_readings(spark, args.readings), tolerance_kwh=args.tolerance_kwh)
        results = reconciler.run(periods, dry_run=args.dry_run)
    finally:
        spark.stop()

    outcomes = {}
    for result in results:
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        if args.dry_run:
            print(f"{result.period_id}\t{result.outcome}\t{result.measured_kwh}\t{result.difference_kwh}")
    logger.info("reconciled %d periods up to %s: %s", len(results), args.cycle_end, outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
