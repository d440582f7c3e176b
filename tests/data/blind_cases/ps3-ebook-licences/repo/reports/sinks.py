"""Partition writers for the reporting jobs (run on the executors)."""
import logging

from shelfcloud.spark_django import close_connections, setup_django

logger = logging.getLogger(__name__)


def write_branch_circulation(rows):
    """Upsert one partition of BranchCirculationDay rows: (day, branch_code, format, checkouts, renewals, patrons)."""
    setup_django()
    from django.db import transaction

    from reports.models import BranchCirculationDay

    try:
        with transaction.atomic():
            for row in rows:
                BranchCirculationDay.objects.update_or_create(
                    day=row.day, branch_code=row.branch_code, format=row.format,
                    defaults={"checkouts": row.checkouts, "renewals": row.renewals, "patrons": row.patrons},
                )
    finally:
        close_connections()
