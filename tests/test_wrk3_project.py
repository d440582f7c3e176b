"""A small real Django + Celery project ("deskbook": rooms and bookings) for the W3/W4/W5 rule tests.

Not a test module of its own: the tests import :func:`write_project`. Its own tests pass on the
buggy code, as a user's would.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

SETTINGS = '''\
SECRET_KEY = "test-only"
USE_TZ = True
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "rooms"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
'''

MODELS = '''\
from django.db import models


class Room(models.Model):
    name = models.CharField(max_length=80)
    capacity = models.PositiveIntegerField(default=1)
    checkins = models.PositiveIntegerField(default=0)
    revenue = models.DecimalField(max_digits=10, decimal_places=2, default=0)


class Booking(models.Model):
    room = models.ForeignKey(Room, related_name="bookings", on_delete=models.CASCADE)
    guest = models.CharField(max_length=80)
    confirmed = models.BooleanField(default=False)
'''

TASKS = '''\
import logging

from celery import shared_task

from .models import Booking, Room

logger = logging.getLogger(__name__)


@shared_task
def send_confirmation(booking_id):
    booking = Booking.objects.get(pk=booking_id)
    Booking.objects.filter(pk=booking.pk).update(confirmed=True)
    logger.info("booking %s confirmed", booking.pk)


@shared_task
def record_checkin(room_id):
    room = Room.objects.get(pk=room_id)
    room.checkins += 1
    room.save(update_fields=["checkins"])
    logger.info("room %s: %s check-ins", room.pk, room.checkins)
    return room.checkins
'''

NOTIFY = '''\
from .tasks import send_confirmation


def confirm_booking(booking):
    """Tell the guest their booking went through."""
    send_confirmation.delay(booking.pk)
'''

SERVICES = '''\
import logging

from django.db import transaction

from .models import Booking
from .notify import confirm_booking

logger = logging.getLogger(__name__)


class RoomFull(Exception):
    pass


def book_room(room, guest):
    with transaction.atomic():
        booking = Booking.objects.create(room=room, guest=guest)
        confirm_booking(booking)
        if room.bookings.count() > room.capacity:
            raise RoomFull(room.name)
    logger.info("booked %s for %s", room.name, guest)
    return booking
'''

PYTEST_TESTS = '''\
import pytest

from rooms.models import Booking, Room
from rooms.services import RoomFull, book_room
from rooms.tasks import record_checkin


@pytest.fixture
def room(db):
    return Room.objects.create(name="Oak", capacity=1)


def test_booking_is_saved(room):
    booking = book_room(room, "Ana")
    assert Booking.objects.get(pk=booking.pk).guest == "Ana"


def test_full_room_is_rejected(room):
    book_room(room, "Ana")
    with pytest.raises(RoomFull):
        book_room(room, "Bo")
    assert Booking.objects.count() == 1


def test_checkin_counts(room):
    assert record_checkin(room.pk) == 1
    room.refresh_from_db()
    assert room.checkins == 1


def test_room_str_free():
    assert Room(name="Elm").name == "Elm"
'''

TESTCASE_TESTS = '''\
from django.test import TestCase

from rooms.models import Booking, Room
from rooms.services import RoomFull, book_room
from rooms.tasks import record_checkin


class BookingTests(TestCase):
    def setUp(self):
        self.room = Room.objects.create(name="Oak", capacity=1)

    def test_booking_is_saved(self):
        booking = book_room(self.room, "Ana")
        self.assertEqual(Booking.objects.get(pk=booking.pk).guest, "Ana")

    def test_full_room_is_rejected(self):
        book_room(self.room, "Ana")
        with self.assertRaises(RoomFull):
            book_room(self.room, "Bo")
        self.assertEqual(Booking.objects.count(), 1)

    def test_checkin_counts(self):
        self.assertEqual(record_checkin(self.room.pk), 1)
'''


def write_project(root: Path, *, style: str = "pytest", extra: dict[str, str] | None = None) -> Path:
    """Write deskbook into ``root`` and commit it (a user's clean checkout)."""
    files = {
        "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = deskbook.settings\npythonpath = .\ntestpaths = tests\n",
        "deskbook/__init__.py": "from .celery import app as celery_app\n\n__all__ = (\"celery_app\",)\n",
        "deskbook/celery.py": (
            "import os\n\nfrom celery import Celery\n\n"
            "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"deskbook.settings\")\n\n"
            "app = Celery(\"deskbook\")\napp.config_from_object(\"django.conf:settings\", namespace=\"CELERY\")\n"
            "app.autodiscover_tasks()\n"
        ),
        "deskbook/settings.py": SETTINGS,
        "rooms/__init__.py": "",
        "rooms/models.py": MODELS,
        "rooms/tasks.py": TASKS,
        "rooms/notify.py": NOTIFY,
        "rooms/services.py": SERVICES,
        "tests/__init__.py": "",
        "tests/test_rooms.py": PYTEST_TESTS if style == "pytest" else TESTCASE_TESTS,
    }
    files.update(extra or {})
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "initial"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root
