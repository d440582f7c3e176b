from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models


class Clinic(models.Model):
    """A vaccination centre."""

    TIMEZONES = [
        ("Europe/Lisbon", "Mainland"),
        ("Atlantic/Madeira", "Madeira"),
        ("Atlantic/Azores", "Azores"),
    ]

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    timezone = models.CharField(max_length=40, choices=TIMEZONES, default="Europe/Lisbon",
                                help_text="Opening hours are entered in this time zone.")
    slot_minutes = models.PositiveSmallIntegerField(default=15)
    vaccinators = models.PositiveSmallIntegerField(
        default=2, help_text="People vaccinated in parallel; becomes the capacity of each slot.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def tzinfo(self):
        return ZoneInfo(self.timezone)

    def is_closed_on(self, day):
        return self.closures.filter(date=day).exists()

    def sessions_on(self, day):
        """Opening-hours rows that apply to ``day`` (none on closure days)."""
        if self.is_closed_on(day):
            return []
        return list(self.opening_hours.filter(weekday=day.weekday()).order_by("opens"))


class OpeningHours(models.Model):
    """One opening session of a centre on a weekday, in the centre's local time.

    A centre can have several sessions a day (e.g. morning and afternoon with a lunch break)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    clinic = models.ForeignKey(Clinic, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["clinic", "weekday", "opens"]
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.clinic.code} {self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.opens >= self.closes:
            raise ValidationError("A session must close after it opens.")
        overlapping = OpeningHours.objects.filter(clinic=self.clinic, weekday=self.weekday,
                                                  opens__lt=self.closes, closes__gt=self.opens)
        if overlapping.exclude(pk=self.pk).exists():
            raise ValidationError("This session overlaps another session on the same day.")


class Closure(models.Model):
    """A day the centre does not open (public holiday, staff training, ...)."""

    clinic = models.ForeignKey(Clinic, related_name="closures", on_delete=models.CASCADE)
    date = models.DateField()
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["clinic", "date"], name="uniq_closure_per_day")]

    def __str__(self):
        return f"{self.clinic.code} closed {self.date:%Y-%m-%d}"
