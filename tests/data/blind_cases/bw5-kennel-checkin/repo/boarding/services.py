"""Front-desk operations: run allocation, check-in, check-out."""
import logging

from django.db import transaction
from django.utils import timezone

from care.tasks import brief_care_team

from .models import Run, Stay, StayExtra
from .pricing import EXTRA_PRICES, amount_due, run_size_for
from .tasks import email_stay_invoice, send_check_in_notice

logger = logging.getLogger(__name__)


class DeskError(Exception):
    """An operation the front desk asked for cannot be done; the message is shown on the tablet."""


class NoRunAvailable(DeskError):
    pass


class RunAllocator:
    """Picks a free run for a stay: right species and size, the quiet wing for pets that need it."""

    def candidates(self, stay):
        pet = stay.pet
        runs = Run.objects.filter(is_active=True, species=pet.species, size=run_size_for(pet))
        busy = Stay.objects.filter(
            status=Stay.Status.CHECKED_IN,
            run__isnull=False,
            start_date__lt=stay.end_date,
            end_date__gt=stay.start_date,
        ).exclude(pk=stay.pk).values_list("run_id", flat=True)
        return runs.exclude(pk__in=list(busy))

    def allocate(self, stay):
        runs = list(self.candidates(stay))
        if not runs:
            raise NoRunAvailable(f"no free {run_size_for(stay.pet)} run for {stay.pet.name}")
        if stay.needs_quiet_run():
            quiet = [run for run in runs if run.quiet_wing]
            if quiet:
                return quiet[0]
            logger.warning("stay %s: quiet wing full, using %s", stay.pk, runs[0].code)
            return runs[0]
        # keep the quiet wing free for the pets that need it
        runs.sort(key=lambda run: (run.quiet_wing, run.code))
        return runs[0]


class CheckInService:
    def __init__(self, allocator=None, allow_missing_vaccinations=False):
        self.allocator = allocator or RunAllocator()
        self.allow_missing_vaccinations = allow_missing_vaccinations

    def check_in(self, stay, staff=""):
        stay = Stay.objects.select_related("pet", "pet__owner").get(pk=stay.pk)
        if stay.status != Stay.Status.BOOKED:
            raise DeskError(f"stay is {stay.get_status_display().lower()}, cannot check in")
        today = timezone.localdate()
        if stay.start_date > today:
            raise DeskError(f"stay starts on {stay.start_date:%d %b}")
        missing = stay.pet.missing_vaccinations(on=stay.start_date)
        if missing and not self.allow_missing_vaccinations:
            raise DeskError("vaccinations missing or expired: " + ", ".join(sorted(missing)))

        with transaction.atomic():
            stay.run = self.allocator.allocate(stay)
            stay.status = Stay.Status.CHECKED_IN
            stay.checked_in_at = timezone.now()
            stay.checked_in_by = staff
            stay.save(update_fields=["run", "status", "checked_in_at", "checked_in_by"])
            flags = stay.pet.care_flags(on=stay.start_date)
            if "medication" in flags and not stay.extras.filter(kind=StayExtra.Kind.MEDICATION).exists():
                StayExtra.objects.create(stay=stay, kind=StayExtra.Kind.MEDICATION, quantity=stay.nights,
                                         unit_price=EXTRA_PRICES["meds"])
            if flags:
                # medication rounds, feeding plan and extra checks on the care board
                transaction.on_commit(lambda: brief_care_team.delay(stay.pk, flags))
            transaction.on_commit(lambda: send_check_in_notice.delay(stay.pk, stay.checked_in_at))

        logger.info("stay %s checked in to run %s by %s", stay.pk, stay.run.code, staff or "?")
        return stay


class CheckOutService:
    def check_out(self, stay, staff="", late=False):
        stay = Stay.objects.select_related("pet", "pet__owner").get(pk=stay.pk)
        if stay.status != Stay.Status.CHECKED_IN:
            raise DeskError(f"stay is {stay.get_status_display().lower()}, cannot check out")
        now = timezone.now()
        with transaction.atomic():
            if late:
                StayExtra.objects.get_or_create(
                    stay=stay, kind=StayExtra.Kind.LATE_CHECKOUT, defaults={"unit_price": EXTRA_PRICES["late"]}
                )
            stay.status = Stay.Status.CHECKED_OUT
            stay.checked_out_at = now
            stay.save(update_fields=["status", "checked_out_at"])
            stay.care_tasks.filter(done_at__isnull=True).delete()
            due = amount_due(stay)
            transaction.on_commit(lambda: email_stay_invoice.delay(stay.pk, due))
        logger.info("stay %s checked out by %s, %s due", stay.pk, staff or "?", due)
        return due

