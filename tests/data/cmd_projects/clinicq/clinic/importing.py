"""Appointment import from the booking partner's JSON feed."""
import json
from datetime import datetime

from clinic.models import Appointment, Patient


class AppointmentImporter:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.count = 0

    def run(self, path):
        with open(path, encoding="utf-8") as fh:
            feed = json.load(fh)
        for entry in feed["appointments"]:
            self._store(entry)
        return self.count

    def _store(self, entry):
        patient = Patient.objects.get(mrn=entry["mrn"])
        appointment = Appointment(patient=patient, vaccine=entry["vaccine"],
                                  slot=datetime.fromisoformat(entry["slot"]))
        appointment.save()
        self.count += 1
