"""A Django cursor on another database, in a service class method."""
from celery import shared_task
from django.db import connections


class WarehouseStats:
    def count(self, table):
        with connections["warehouse"].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            total = cursor.fetchone()[0]
        return total


@shared_task
def warehouse_count(table):
    return WarehouseStats().count(table)
