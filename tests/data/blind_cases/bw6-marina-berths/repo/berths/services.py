"""Booking and cancelling stays.

The booking site, the harbour-office import and the waitlist promotion all book
through ``StayBooker``; nothing else writes stays or nights.
"""
import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from harborline.dbrouters import BERTHS_DB

from .models import Berth, Stay, StayNight
from .tasks import notify_stay_cancelled

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = (Stay.Status.CONFIRMED, Stay.Status.ARRIVED)
# Stays of a week or more get one night free.
FREE_NIGHT_AFTER = 7


class BookingError(Exception):
    """The stay cannot be booked or changed."""


class DocumentsError(BookingError):
    pass


class NoBerthAvailable(BookingError):
    pass


class CapacityError(BookingError):
    pass


@dataclass
class StayRequest:
    boat: object  # owners.models.Boat
    arrival: date
    departure: date
    special_requests: str = ""
    source: str = Stay.Source.WEB


def price_stay(nightly_rate, nights):
    billable = nights - 1 if nights >= FREE_NIGHT_AFTER else nights
    return (Decimal(nightly_rate) * billable).quantize(Decimal("0.01"))


class StayBooker:
    def __init__(self, using=BERTHS_DB, max_shore_power_per_night=None):
        self.using = using
        self.max_shore_power_per_night = (
            max_shore_power_per_night
            if max_shore_power_per_night is not None
            else settings.MARINA_MAX_SHORE_POWER_PER_NIGHT
        )

    # -- booking -------------------------------------------------------------
    def validate(self, request):
        boat = request.boat
        if request.departure <= request.arrival:
            raise BookingError("departure must be after arrival")
        nights = (request.departure - request.arrival).days
        if nights > settings.MARINA_MAX_STAY_NIGHTS:
            raise BookingError(f"stays are limited to {settings.MARINA_MAX_STAY_NIGHTS} nights")
        if not boat.documents_valid_through(request.departure):
            raise DocumentsError(f"{boat.name}'s insurance or registration is not valid until {request.departure}")

    def book(self, request):
        self.validate(request)
        boat = request.boat
        size = boat.berth_class()
        with transaction.atomic(using=self.using):
            stay = Stay(
                boat_id=boat.pk,
                boat_name=boat.name,
                owner_name=boat.owner.name,
                owner_email=boat.owner.email,
                arrival=request.arrival,
                departure=request.departure,
                source=request.source,
                needs_shore_power=boat.needs_shore_power,
                special_requests=request.special_requests,
            )
            berth = self._free_berth(size, stay.night_dates())
            if berth is None:
                raise NoBerthAvailable(f"no {size} berth free from {request.arrival} to {request.departure}")
            stay.berth = berth
            stay.nightly_rate = berth.nightly_rate
            stay.total = price_stay(berth.nightly_rate, stay.night_count)
            stay.save(using=self.using)
            StayNight.objects.using(self.using).bulk_create(
                [StayNight(stay=stay, berth=berth, night=night) for night in stay.night_dates()]
            )
            if stay.needs_shore_power:
                self._check_shore_power_capacity(stay)
        logger.info(
            "stay %s booked for %s in berth %s (%s -> %s, %s)",
            stay.pk, stay.boat_name, berth.code, stay.arrival, stay.departure, stay.source,
        )
        return stay

    def _free_berth(self, size, nights):
        taken = StayNight.objects.using(self.using).filter(night__in=nights).values_list("berth_id", flat=True)
        return (
            Berth.objects.using(self.using)
            .select_for_update()
            .filter(size=size, active=True)
            .exclude(pk__in=taken)
            .order_by("code")
            .first()
        )

    def _check_shore_power_capacity(self, stay):
        per_night = (
            StayNight.objects.using(self.using)
            .filter(night__in=stay.night_dates(), stay__needs_shore_power=True, stay__status__in=ACTIVE_STATUSES)
            .values("night")
            .annotate(boats=Count("id"))
        )
        full = sorted(row["night"] for row in per_night if row["boats"] > self.max_shore_power_per_night)
        if full:
            raise CapacityError(
                f"shore power capacity reached on {', '.join(n.isoformat() for n in full)}"
            )

    # -- cancelling ------------------------------------------------------------
    def cancel(self, stay, reason):
        with transaction.atomic(using=self.using):
            stay = Stay.objects.using(self.using).select_for_update().get(pk=stay.pk)
            if stay.status not in ACTIVE_STATUSES:
                raise BookingError(f"stay {stay.pk} is already {stay.status}")
            stay.status = Stay.Status.CANCELLED
            stay.cancel_reason = reason
            stay.save(using=self.using, update_fields=["status", "cancel_reason", "updated_at"])
            freed = stay.booked_nights.all().delete()[0]
            stay_id = stay.pk
            transaction.on_commit(lambda: notify_stay_cancelled.delay(stay_id), using=self.using)
        logger.info("stay %s cancelled (%s), %s nights freed", stay.pk, reason, freed)
        return stay

    def mark_arrived(self, stay):
        with transaction.atomic(using=self.using):
            updated = Stay.objects.using(self.using).filter(
                pk=stay.pk, status=Stay.Status.CONFIRMED
            ).update(status=Stay.Status.ARRIVED)
        if not updated:
            raise BookingError(f"stay {stay.pk} cannot be marked as arrived")
        stay.refresh_from_db(using=self.using)
        return stay
