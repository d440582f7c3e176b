"""Passenger/vehicle manifests sent to the harbour master before each sailing."""
import csv
import io
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from fleet.models import Sailing

from .models import Booking


def manifest_csv(sailing):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["reference", "lead_name", "passengers", "vehicles", "vehicle_plate"])
    for b in sailing.bookings.filter(status=Booking.Status.CONFIRMED).order_by("reference"):
        writer.writerow([b.reference, b.lead_name, b.passengers, b.vehicles, b.vehicle_plate])
    return out.getvalue()


def send_due_manifests(now=None):
    """Send the manifest of each sailing departing within MANIFEST_LEAD_MINUTES, once."""
    now = now or timezone.now()
    horizon = now + timedelta(minutes=settings.MANIFEST_LEAD_MINUTES)
    due = Sailing.objects.filter(
        status__in=[Sailing.Status.SCHEDULED, Sailing.Status.DELAYED],
        departs_at__gt=now, departs_at__lte=horizon, manifest_sent_at__isnull=True,
    ).select_related("route__origin", "route__destination", "vessel")
    sent = 0
    for sailing in due:
        with transaction.atomic():
            locked = Sailing.objects.select_for_update().get(pk=sailing.pk)
            if locked.manifest_sent_at is not None:
                continue
            local = timezone.localtime(sailing.departs_at)
            msg = EmailMessage(
                subject=f"Manifest {sailing.route} {local:%Y-%m-%d %H:%M} ({sailing.vessel})",
                body=f"Manifest for {sailing} attached.",
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[settings.HARBOUR_MASTER_EMAIL],
            )
            msg.attach(f"manifest-{sailing.pk}.csv", manifest_csv(sailing), "text/csv")
            msg.send()
            locked.manifest_sent_at = now
            locked.save(update_fields=["manifest_sent_at"])
            sent += 1
    return sent
