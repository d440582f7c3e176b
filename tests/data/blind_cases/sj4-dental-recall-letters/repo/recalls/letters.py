"""Rendering recall letters."""
import csv
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def letter_text(recall, today=None):
    patient = recall.patient
    today = today or timezone.localdate()
    address = "\n".join(patient.postal_address)
    return (
        f"{settings.PRACTICE_NAME}\n\n{patient.title} {patient.first_name} {patient.last_name}".strip() + "\n"
        f"{address}\n\n{today:%d %B %Y}\n\n"
        f"Dear {patient.salutation},\n\n"
        f"Our records show that your next {recall.get_kind_display().lower()} is due in "
        f"{recall.due_on:%B %Y}. Please call us on 020 7946 0321 or book online to arrange a time that suits "
        f"you.\n\nKind regards,\n{settings.PRACTICE_NAME}\n"
    )


def write_letters(recalls, directory, today=None):
    """Write one letter file per recall and a manifest.csv into ``directory``. Returns the paths."""
    directory = Path(directory)
    paths = []
    manifest = directory / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "chart_number", "name", "postcode"])
        for recall in recalls:
            path = directory / f"recall-{recall.pk}.txt"
            path.write_text(letter_text(recall, today), encoding="utf-8")
            writer.writerow([path.name, recall.patient.chart_number, str(recall.patient),
                             recall.patient.postcode])
            paths.append(path)
    return [manifest, *paths]
