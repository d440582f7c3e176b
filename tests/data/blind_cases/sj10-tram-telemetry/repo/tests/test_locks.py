from datetime import timedelta

import pytest
from django.utils import timezone

from telemetry.locks import DbLock, LockHeld
from telemetry.models import JobLock


def test_second_holder_is_refused(db):
    first, second = DbLock("demo"), DbLock("demo")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()


def test_release_only_removes_own_lock(db):
    first, second = DbLock("demo"), DbLock("demo")
    first.acquire()
    second.release()
    assert JobLock.objects.filter(name="demo").exists()


def test_expired_lock_is_taken_over(db):
    JobLock.objects.create(name="demo", owner="tram-sched-1:4242:dead",
                           acquired_at=timezone.now() - timedelta(hours=2),
                           expires_at=timezone.now() - timedelta(hours=1))
    lock = DbLock("demo")
    assert lock.acquire()
    assert JobLock.objects.get(name="demo").owner == lock.owner


def test_context_manager(db):
    with DbLock("demo", ttl=timedelta(minutes=1)):
        with pytest.raises(LockHeld):
            with DbLock("demo"):
                pass
    assert not JobLock.objects.exists()
