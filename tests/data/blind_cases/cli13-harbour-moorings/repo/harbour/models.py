from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Berth(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="pontoon letter + number, e.g. B14")
    pontoon = models.CharField(max_length=2, db_index=True)
    length_m = models.DecimalField("length (m)", max_digits=5, decimal_places=2)
    beam_m = models.DecimalField("max beam (m)", max_digits=4, decimal_places=2)
    has_power = models.BooleanField(default=False)
    active = models.BooleanField(default=True, help_text="untick while a berth is out of service")

    class Meta:
        ordering = ["pontoon", "code"]

    def __str__(self):
        return self.code


class Vessel(models.Model):
    name = models.CharField(max_length=80)
    registration = models.CharField(max_length=20, unique=True)
    owner_name = models.CharField(max_length=120)
    owner_email = models.EmailField()
    owner_phone = models.CharField(max_length=20, blank=True)
    loa_m = models.DecimalField("length overall (m)", max_digits=5, decimal_places=2)
    beam_m = models.DecimalField("beam (m)", max_digits=4, decimal_places=2)

    def __str__(self):
        return f"{self.name} ({self.registration})"


class Season(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    rate_per_metre = models.DecimalField(max_digits=7, decimal_places=2, help_text="season rate per metre")
    power_surcharge = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0.00"))
    is_open = models.BooleanField(default=False, help_text="the season new assignments go into by default")

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"Season {self.year}"

    @property
    def length_in_days(self):
        return (self.ends_on - self.starts_on).days + 1


class MooringAssignmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(released_on__isnull=True)


class MooringAssignment(models.Model):
    berth = models.ForeignKey(Berth, related_name="assignments", on_delete=models.PROTECT)
    vessel = models.ForeignKey(Vessel, related_name="assignments", on_delete=models.PROTECT)
    season = models.ForeignKey(Season, related_name="assignments", on_delete=models.PROTECT)
    starts_on = models.DateField()
    released_on = models.DateField(null=True, blank=True)
    release_reason = models.CharField(max_length=200, blank=True)
    oversize_override = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MooringAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["season", "berth"]
        constraints = [
            models.UniqueConstraint(fields=["berth", "season"], condition=Q(released_on__isnull=True),
                                    name="one_current_assignment_per_berth"),
            models.UniqueConstraint(fields=["vessel", "season"], condition=Q(released_on__isnull=True),
                                    name="one_current_berth_per_vessel"),
        ]

    def __str__(self):
        return f"{self.vessel} on {self.berth} ({self.season.year})"
