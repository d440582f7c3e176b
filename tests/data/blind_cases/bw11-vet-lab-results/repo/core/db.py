"""Transaction helpers for the service layer.

Every service that writes goes through :func:`unit_of_work`: the whole operation runs in one database
transaction and leaves an audit trail that is written in that same transaction, so the trail never mentions work
that was rolled back.
"""
import logging
import time
from contextlib import contextmanager

from django.db import transaction

logger = logging.getLogger(__name__)


class UnitOfWork:
    """Audit records collected while one business operation runs."""

    def __init__(self, name, actor):
        self.name = name
        self.actor = actor
        self._entries = []

    def record(self, action, obj=None, **details):
        from .models import AuditEntry

        self._entries.append(AuditEntry(
            operation=self.name,
            actor=self.actor,
            action=action,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            details=details,
        ))

    def flush(self):
        from .models import AuditEntry

        written = len(self._entries)
        if self._entries:
            AuditEntry.objects.bulk_create(self._entries)
            self._entries = []
        return written


@contextmanager
def unit_of_work(name, *, actor="system", using=None):
    """Run one business operation atomically and audit it.

    Units nest: an inner unit becomes a savepoint of the outer one, and its audit entries are committed (or rolled
    back) together with the outer unit.
    """
    uow = UnitOfWork(name, actor)
    started = time.monotonic()
    try:
        with transaction.atomic(using=using):
            yield uow
            written = uow.flush()
    except Exception:
        logger.warning("unit of work %s rolled back after %.0f ms", name, (time.monotonic() - started) * 1000)
        raise
    logger.info("unit of work %s done in %.0f ms (%d audit entries)",
                name, (time.monotonic() - started) * 1000, written)
