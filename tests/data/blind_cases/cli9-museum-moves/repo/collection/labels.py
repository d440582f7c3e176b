"""Barcode labels: numbering, issuing replacements, retiring old ones."""
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import ObjectLabel

DIGITS = 7


def label_prefix():
    return settings.COLLECTION["LABEL_PREFIX"].upper()


def barcode_pattern():
    return re.compile(rf"^{re.escape(label_prefix())}\d{{{DIGITS}}}$", re.IGNORECASE)


def is_barcode(token):
    return bool(barcode_pattern().match(token.strip()))


def next_barcode():
    prefix = label_prefix()
    last = ObjectLabel.objects.filter(barcode__startswith=prefix).aggregate(m=Max("barcode"))["m"]
    number = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{number:0{DIGITS}d}"


def issue_label(obj, *, retire_old=True):
    """Create a new active label for obj; by default the object's previous labels are retired."""
    now = timezone.now()
    with transaction.atomic():
        retired = 0
        if retire_old:
            retired = obj.labels.filter(active=True).update(active=False, retired_at=now)
        label = ObjectLabel.objects.create(barcode=next_barcode(), object=obj, printed_at=now)
    return label, retired


def retire_label(label):
    label.active = False
    label.retired_at = timezone.now()
    label.save(update_fields=["active", "retired_at"])
    return label
