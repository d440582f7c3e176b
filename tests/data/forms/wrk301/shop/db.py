from contextlib import contextmanager

from django.db import transaction


@contextmanager
def unit_of_work(using=None):
    """One transaction around a business operation."""
    with transaction.atomic(using=using):
        yield
