"""Business logic shared by the huey tasks, management commands and admin."""
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from messaging.gateway import SmsGateway, SmsGatewayError

from .models import DailyStoreStats, Fill, Prescription, RefillReminder, Store
from .texts import pickup_ready_text, refill_reminder_text

logger = logging.getLogger(__name__)


class FillService:
    """Dispensing workflow: record a fill, put it on the shelf, hand it out."""

    @transaction.atomic
    def record_fill(self, prescription, *, filled_on, quantity, days_supply=None):
        days_supply = days_supply or prescription.days_supply
        is_refill = prescription.last_filled_on is not None
        if is_refill and prescription.refills_remaining == 0:
            raise ValueError(f"Rx {prescription.rx_number} has no refills remaining")
        fill = Fill.objects.create(
            prescription=prescription,
            filled_on=filled_on,
            days_supply=days_supply,
            quantity=quantity,
        )
        prescription.last_filled_on = filled_on
        prescription.refill_due_on = filled_on + datetime.timedelta(days=days_supply)
        if is_refill:
            prescription.refills_remaining -= 1
        prescription.save(
            update_fields=["last_filled_on", "refill_due_on", "refills_remaining", "updated_at"]
        )
        return fill

    def mark_ready(self, fill):
        updated = Fill.objects.filter(pk=fill.pk, status=Fill.Status.QUEUED).update(
            status=Fill.Status.READY, ready_at=timezone.now()
        )
        fill.refresh_from_db()
        return bool(updated)

    def mark_picked_up(self, fill):
        updated = Fill.objects.filter(pk=fill.pk, status=Fill.Status.READY).update(
            status=Fill.Status.PICKED_UP, picked_up_at=timezone.now()
        )
        fill.refresh_from_db()
        return bool(updated)


@dataclass
class RunSummary:
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def __str__(self):
        return f"{self.sent} sent, {self.failed} failed, {self.skipped} skipped"


class RefillReminderService:
    """Texts patients whose prescription is coming due for a refill."""

    category = "refill_reminder"

    def __init__(self, gateway=None, lead_days=None):
        self.gateway = gateway or SmsGateway()
        self.lead_days = lead_days if lead_days is not None else settings.REFILL_REMINDER_LEAD_DAYS

    def due_prescriptions(self, today):
        horizon = today + datetime.timedelta(days=self.lead_days)
        return (
            Prescription.objects.filter(
                status=Prescription.Status.ACTIVE,
                refills_remaining__gt=0,
                refill_due_on__gte=today,
                refill_due_on__lte=horizon,
                patient__sms_opt_in=True,
                patient__store__is_active=True,
            )
            .select_related("patient", "patient__store")
            .order_by("refill_due_on", "pk")
        )

    def run(self, today=None):
        today = today or timezone.localdate()
        summary = RunSummary()
        for prescription in self.due_prescriptions(today).iterator(chunk_size=200):
            reminder = self.remind(prescription)
            if reminder is None:
                summary.skipped += 1
            elif reminder.status == RefillReminder.Status.SENT:
                summary.sent += 1
            else:
                summary.failed += 1
        logger.info("refill reminders for %s: %s", today, summary)
        return summary

    def remind(self, prescription):
        """Send the refill reminder for ``prescription``'s current due date.

        Returns the ``RefillReminder`` (sent or failed), or ``None`` when the
        patient cannot be texted.
        """
        patient = prescription.patient
        if not patient.mobile:
            logger.info("Rx %s: patient %s has no mobile number", prescription.rx_number, patient.pk)
            return None

        reminder = RefillReminder.objects.create(
            prescription=prescription,
            due_on=prescription.refill_due_on,
        )
        try:
            message = self.gateway.send(
                patient.mobile,
                refill_reminder_text(prescription),
                category=self.category,
                reference=f"rx:{prescription.rx_number}",
            )
        except SmsGatewayError as exc:
            reminder.status = RefillReminder.Status.FAILED
            reminder.error = str(exc)
            reminder.save(update_fields=["status", "error"])
            return reminder

        reminder.status = RefillReminder.Status.SENT
        reminder.message = message
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["status", "message", "sent_at"])
        return reminder


class PickupNoticeService:
    """Texts patients when a fill is waiting on the ready shelf."""

    category = "pickup_ready"

    def __init__(self, gateway=None):
        self.gateway = gateway or SmsGateway()

    def pending_fills(self):
        return (
            Fill.objects.filter(
                status=Fill.Status.READY,
                pickup_sms_sent_at__isnull=True,
                prescription__patient__sms_opt_in=True,
            )
            .exclude(prescription__patient__mobile="")
            .select_related("prescription__patient__store")
        )

    def run(self):
        summary = RunSummary()
        for fill in self.pending_fills():
            if self.notify(fill):
                summary.sent += 1
            else:
                summary.skipped += 1
        logger.info("pickup notices: %s", summary)
        return summary

    def notify(self, fill):
        """Text the patient that ``fill`` is ready. Returns True if a text went out."""
        # Claim the fill first so an overlapping run cannot text the patient too.
        claimed = Fill.objects.filter(
            pk=fill.pk, status=Fill.Status.READY, pickup_sms_sent_at__isnull=True
        ).update(pickup_sms_sent_at=timezone.now())
        if not claimed:
            return False
        try:
            self.gateway.send(
                fill.prescription.patient.mobile,
                pickup_ready_text(fill),
                category=self.category,
                reference=f"fill:{fill.pk}",
            )
        except SmsGatewayError:
            # Release the claim so the next run tries again.
            Fill.objects.filter(pk=fill.pk).update(pickup_sms_sent_at=None)
            return False
        return True


def return_unclaimed_fills(now=None):
    """Move fills that sat on the ready shelf too long back to stock."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.UNCLAIMED_FILL_RETURN_DAYS)
    returned = Fill.objects.filter(status=Fill.Status.READY, ready_at__lt=cutoff).update(
        status=Fill.Status.RETURNED, returned_at=now
    )
    if returned:
        logger.info("returned %s unclaimed fills to stock", returned)
    return returned


def compute_daily_stats(day):
    """(Re)build the per-store counters for ``day``. Safe to run any number of times."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)
    end = start + datetime.timedelta(days=1)
    stores = Store.objects.annotate(
        n_fills=Count("patients__prescriptions__fills", filter=Q(patients__prescriptions__fills__filled_on=day), distinct=True),
    )
    rows = []
    for store in stores:
        reminders = RefillReminder.objects.filter(
            prescription__patient__store=store,
            status=RefillReminder.Status.SENT,
            sent_at__gte=start,
            sent_at__lt=end,
        ).count()
        returned = Fill.objects.filter(
            prescription__patient__store=store,
            status=Fill.Status.RETURNED,
            returned_at__gte=start,
            returned_at__lt=end,
        ).count()
        stats, _ = DailyStoreStats.objects.update_or_create(
            store=store,
            day=day,
            defaults={"fills": store.n_fills, "reminders_sent": reminders, "fills_returned": returned},
        )
        rows.append(stats)
    return rows
