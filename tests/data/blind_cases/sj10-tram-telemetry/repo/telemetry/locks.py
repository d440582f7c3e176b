"""Database-backed locks for the scheduled jobs.

The scheduler runs in one process per environment, but a manual ``run_job`` or a
slow run that is still going when the next tick fires must not import the same
feed twice.  Each lock is a JobLock row; a row whose ``expires_at`` has passed is
treated as abandoned (the process holding it was killed) and can be taken over.
"""
import logging
import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import JobLock

logger = logging.getLogger(__name__)

DEFAULT_TTL = timedelta(minutes=10)


class LockHeld(Exception):
    pass


def _owner_id():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class DbLock:
    def __init__(self, name, ttl=DEFAULT_TTL):
        self.name = name
        self.ttl = ttl
        self.owner = _owner_id()
        self.acquired = False

    def acquire(self):
        now = timezone.now()
        with transaction.atomic():
            stale = JobLock.objects.filter(name=self.name, expires_at__lte=now)
            for row in stale:
                logger.warning("lock %s: taking over expired lock of %s (expired %s)",
                               self.name, row.owner, row.expires_at.isoformat())
            stale.delete()
            try:
                with transaction.atomic():
                    JobLock.objects.create(name=self.name, owner=self.owner,
                                           acquired_at=now, expires_at=now + self.ttl)
            except IntegrityError:
                return False
        self.acquired = True
        return True

    def release(self):
        if not self.acquired:
            return
        JobLock.objects.filter(name=self.name, owner=self.owner).delete()
        self.acquired = False

    def holder(self):
        row = JobLock.objects.filter(name=self.name).first()
        if row is None:
            return f"lock {self.name} is free"
        return f"lock {self.name} held by {row.owner} since {row.acquired_at.isoformat()}"

    def __enter__(self):
        if not self.acquire():
            raise LockHeld(self.holder())
        return self

    def __exit__(self, exc_type, exc, tb):
        self.release()
        return False
