import json
import tempfile
from datetime import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from clinic.models import Appointment, Patient, Visit


class CommandTests(TestCase):
    def setUp(self):
        self.patient = Patient.objects.create(mrn="M-100", name="Ada")
        self.tmp = Path(tempfile.mkdtemp())

    def call(self, *args):
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    def test_import_appointments(self):
        Patient.objects.create(mrn="M-200", name="Grace")
        feed = self.tmp / "feed.json"
        feed.write_text(json.dumps({"appointments": [
            {"mrn": "M-100", "vaccine": "flu", "slot": "2024-10-01T09:00:00-05:00"},
            {"mrn": "M-200", "vaccine": "covid", "slot": "2024-10-01T09:15:00-05:00"},
        ]}), encoding="utf-8")
        self.assertIn("2 appointment(s) imported", self.call("import_appointments", str(feed)))
        self.assertEqual(Appointment.objects.count(), 2)

    def test_export_skips_cancelled_by_default(self):
        slot = timezone.make_aware(datetime(2024, 10, 1, 9, 0))
        Appointment.objects.create(patient=self.patient, vaccine="flu", slot=slot)
        Appointment.objects.create(patient=self.patient, vaccine="covid", slot=slot, cancelled=True)
        self.assertEqual(self.call("export_appointments").count("M-100"), 1)

    def test_visits_report(self):
        slot = timezone.make_aware(datetime(2024, 10, 15, 9, 0))
        appointment = Appointment.objects.create(patient=self.patient, vaccine="flu", slot=slot)
        Visit.objects.create(appointment=appointment, checked_in_at=slot)
        self.assertEqual(self.call("visits_report", "2024-10-01", "2024-10-31"), "flu: 1\n")
