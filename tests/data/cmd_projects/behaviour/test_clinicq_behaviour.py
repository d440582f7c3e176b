"""What the clinicq commands must do (copied into the fixture project by tests/test_cmd_rules.py, never
seen by rootfix): Django TestCase style, each test runs a real command and fails on the planted bug."""
import json
import tempfile
from datetime import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from clinic.models import Appointment, Patient, Visit


class BehaviourTests(TestCase):
    def setUp(self):
        self.patient = Patient.objects.create(mrn="M-100", name="Ada")

    def test_cmd102_include_cancelled_false(self):
        slot = timezone.make_aware(datetime(2024, 10, 1, 9, 0))
        Appointment.objects.create(patient=self.patient, vaccine="flu", slot=slot)
        Appointment.objects.create(patient=self.patient, vaccine="covid", slot=slot, cancelled=True)
        out = StringIO()
        call_command("export_appointments", "--include-cancelled", "false", stdout=out)
        self.assertNotIn("covid", out.getvalue())

    def test_cmd301_failed_feed_imports_nothing(self):
        feed = Path(tempfile.mkdtemp()) / "feed.json"
        feed.write_text(json.dumps({"appointments": [
            {"mrn": "M-100", "vaccine": "flu", "slot": "2024-10-01T09:00:00-05:00"},
            {"mrn": "M-999", "vaccine": "covid", "slot": "2024-10-01T09:15:00-05:00"},
        ]}), encoding="utf-8")
        with self.assertRaises(Exception):
            call_command("import_appointments", str(feed), stdout=StringIO())
        self.assertEqual(Appointment.objects.count(), 0)

    def test_cmd501_last_day_counts(self):
        at = timezone.make_aware(datetime(2024, 10, 31, 16, 30))
        appointment = Appointment.objects.create(patient=self.patient, vaccine="flu", slot=at)
        Visit.objects.create(appointment=appointment, checked_in_at=at)
        out = StringIO()
        call_command("visits_report", "2024-10-01", "2024-10-31", stdout=out)
        self.assertEqual(out.getvalue(), "flu: 1\n")
