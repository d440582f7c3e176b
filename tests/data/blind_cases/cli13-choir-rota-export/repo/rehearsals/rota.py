"""Building the monthly duty rota.

Duties go round the active singers who can do them, fairly: whoever has done a
duty least recently (and least often) is picked first. Singers who have sent
apologies for a rehearsal are skipped for that rehearsal.
"""
import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from members.models import Singer

from .models import Attendance, Rehearsal, RotaDuty

logger = logging.getLogger(__name__)

DEFAULT_DUTIES = [RotaDuty.Duty.CHAIRS, RotaDuty.Duty.TEA, RotaDuty.Duty.SIGN_IN]


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value):
        """'2024-05' -> Month(2024, 5)."""
        try:
            year, month = (int(part) for part in value.split("-"))
        except ValueError:
            raise ValueError(f"expected YYYY-MM, got {value!r}") from None
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {value!r}")
        return cls(year, month)

    @classmethod
    def following(cls, day):
        if day.month == 12:
            return cls(day.year + 1, 1)
        return cls(day.year, day.month + 1)

    @property
    def first_day(self):
        return date(self.year, self.month, 1)

    def next(self):
        return Month.following(self.first_day)

    def bounds(self):
        """Aware datetimes [start, end) for the month in the choir's local time."""
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(self.first_day, time.min), tz)
        end = timezone.make_aware(datetime.combine(self.next().first_day, time.min), tz)
        return start, end

    def __format__(self, spec):
        return format(self.first_day, spec or "%Y-%m")

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


def rehearsals_in(month, include_cancelled=False):
    start, end = month.bounds()
    qs = Rehearsal.objects.filter(starts_at__gte=start, starts_at__lt=end)
    if not include_cancelled:
        qs = qs.filter(cancelled=False)
    return qs.order_by("starts_at")


def _candidates():
    return list(
        Singer.objects.filter(active=True, can_do_duties=True)
        .annotate(last_duty=Max("duties__rehearsal__starts_at"), duty_count=Count("duties"))
    )


def _fairness_key(singer):
    never = timezone.make_aware(datetime(1970, 1, 1))
    return (singer.last_duty or never, singer.duty_count, singer.last_name, singer.first_name)


def assign_duties(month, duties=DEFAULT_DUTIES):
    """Fill every empty duty slot of the month's rehearsals. Returns the number of slots filled."""
    filled = 0
    with transaction.atomic():
        pool = _candidates()
        for rehearsal in rehearsals_in(month):
            taken = set(rehearsal.duties.values_list("duty", flat=True))
            away = set(Attendance.objects.filter(rehearsal=rehearsal, status=Attendance.Status.APOLOGIES)
                       .values_list("singer_id", flat=True))
            busy = set(rehearsal.duties.values_list("singer_id", flat=True))
            for duty in duties:
                if duty in taken:
                    continue
                available = [s for s in pool if s.pk not in away and s.pk not in busy]
                if not available:
                    logger.warning("nobody left for %s at %s", duty, rehearsal)
                    continue
                singer = min(available, key=_fairness_key)
                RotaDuty.objects.create(rehearsal=rehearsal, singer=singer, duty=duty)
                singer.last_duty = rehearsal.starts_at
                singer.duty_count += 1
                busy.add(singer.pk)
                filled += 1
    return filled


def swap_duty(duty, new_singer):
    """Hand a duty to someone else (singers arrange swaps among themselves)."""
    if duty.rehearsal.duties.filter(singer=new_singer).exclude(pk=duty.pk).exists():
        raise ValueError(f"{new_singer} already has a duty at {duty.rehearsal}")
    duty.swapped_from = duty.singer
    duty.singer = new_singer
    duty.save(update_fields=["singer", "swapped_from"])
    return duty
