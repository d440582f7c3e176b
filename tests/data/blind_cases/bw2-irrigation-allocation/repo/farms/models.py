from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


class Farm(models.Model):
    name = models.CharField(max_length=120)
    member_number = models.CharField(max_length=12, unique=True)
    manager_email = models.EmailField()
    # irrigation efficiency of the farm's drip/sprinkler systems, 0..1
    system_efficiency = models.DecimalField(max_digits=3, decimal_places=2, default=0.85)

    def __str__(self):
        return f"{self.member_number} {self.name}"


class Valve(models.Model):
    serial = models.CharField(max_length=24, unique=True)
    flow_rate_lpm = models.PositiveIntegerField(help_text="nominal flow, liters per minute")
    is_open = models.BooleanField(default=False)
    cycle_count = models.PositiveIntegerField(default=0)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.serial

    def record_cycle(self):
        """One more open/close cycle (maintenance is due every 20k cycles)."""
        Valve.objects.filter(pk=self.pk).update(cycle_count=F("cycle_count") + 1, is_open=False)


class Zone(models.Model):
    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="zones")
    name = models.CharField(max_length=60)
    crop = models.CharField(max_length=60)
    area_m2 = models.PositiveIntegerField()
    crop_coefficient = models.DecimalField(max_digits=3, decimal_places=2, default=1)
    valve = models.OneToOneField(Valve, on_delete=models.PROTECT, related_name="zone")
    is_enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["farm", "name"]

    def __str__(self):
        return f"{self.farm.member_number}/{self.name}"


class AllocationQuerySet(models.QuerySet):
    def current_for(self, farm, when=None):
        day = timezone.localdate(when) if when else timezone.localdate()
        return self.filter(farm=farm, season_start__lte=day, season_end__gte=day).first()


class SeasonAllocation(models.Model):
    """The volume of water a farm may draw in one season (its water right)."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="allocations")
    season_start = models.DateField()
    season_end = models.DateField()
    allocated_liters = models.BigIntegerField()
    remaining_liters = models.BigIntegerField()
    # below this the farm manager is warned and new runs need a manual OK
    reserve_liters = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["farm", "-season_start"]

    def __str__(self):
        return f"{self.farm.member_number} {self.season_start:%Y}"

    @property
    def used_liters(self):
        return self.allocated_liters - self.remaining_liters

    @property
    def is_low(self):
        return self.remaining_liters <= self.reserve_liters

    def transfer_to(self, other, liters):
        """Water trading between members: move part of this allocation to ``other``."""
        if liters <= 0:
            raise ValueError("transfer volume must be positive")
        with transaction.atomic():
            moved = SeasonAllocation.objects.filter(pk=self.pk, remaining_liters__gte=liters).update(
                remaining_liters=F("remaining_liters") - liters,
                allocated_liters=F("allocated_liters") - liters,
            )
            if not moved:
                raise ValueError(f"{self} has less than {liters} l left")
            SeasonAllocation.objects.filter(pk=other.pk).update(
                remaining_liters=F("remaining_liters") + liters,
                allocated_liters=F("allocated_liters") + liters,
            )
            AllocationTransfer.objects.create(source=self, target=other, liters=liters)
        self.refresh_from_db()
        other.refresh_from_db()


class AllocationTransfer(models.Model):
    source = models.ForeignKey(SeasonAllocation, on_delete=models.PROTECT, related_name="transfers_out")
    target = models.ForeignKey(SeasonAllocation, on_delete=models.PROTECT, related_name="transfers_in")
    liters = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
