from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone


def local_day_bounds(day):
    """Aware [start, end) of a calendar day in the arena's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


class Rink(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)

    def __str__(self):
        return self.name


class Sheet(models.Model):
    """One ice surface. Each sheet has its own resurfacer and plan."""

    rink = models.ForeignKey(Rink, related_name="sheets", on_delete=models.CASCADE)
    code = models.CharField(max_length=8, help_text="as used by the booking office, e.g. A")
    name = models.CharField(max_length=60)
    resurface_minutes = models.PositiveSmallIntegerField(default=15)
    max_minutes_between_resurfaces = models.PositiveSmallIntegerField(
        default=120, help_text="public sessions longer than this get a mid-session resurface")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rink", "code"], name="uniq_sheet_code")]
        ordering = ["rink__name", "code"]

    def __str__(self):
        return f"{self.rink.name} {self.name}"


class IceSessionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled=False)

    def on_day(self, day):
        start, end = local_day_bounds(day)
        return self.filter(starts_at__gte=start, starts_at__lt=end)


class IceSession(models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", "Public skate"
        HOCKEY = "hockey", "Hockey"
        FIGURE = "figure", "Figure skating"
        LEARN = "learn", "Learn to skate"
        RENTAL = "rental", "Private rental"

    sheet = models.ForeignKey(Sheet, related_name="sessions", on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=120, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(
        null=True, blank=True,
        help_text="the booking office leaves this empty for rentals whose length is not confirmed yet")
    resurface_after = models.BooleanField(
        default=True, help_text="off for back-to-back practices that share one flood")
    cancelled = models.BooleanField(default=False)
    external_ref = models.CharField(max_length=40, unique=True, null=True, blank=True)

    objects = IceSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["sheet", "starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title or self.get_kind_display()} {local:%a %d %b %H:%M}"


class ResurfacingPlan(models.Model):
    sheet = models.ForeignKey(Sheet, related_name="plans", on_delete=models.CASCADE)
    day = models.DateField()
    built_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "day"], name="uniq_plan_sheet_day")]
        ordering = ["day", "sheet"]

    def __str__(self):
        return f"{self.sheet} {self.day:%Y-%m-%d}"


class ResurfacingSlot(models.Model):
    class Reason(models.TextChoices):
        OPENING = "opening", "Before first session"
        BETWEEN = "between", "Between sessions"
        MID_SESSION = "mid", "Mid-session flood"
        CLOSING = "closing", "End of day"

    plan = models.ForeignKey(ResurfacingPlan, related_name="slots", on_delete=models.CASCADE)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=10, choices=Reason.choices)
    after_session = models.ForeignKey(IceSession, null=True, blank=True, related_name="+",
                                      on_delete=models.SET_NULL)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%H:%M}-{timezone.localtime(self.ends_at):%H:%M} {self.reason}"
