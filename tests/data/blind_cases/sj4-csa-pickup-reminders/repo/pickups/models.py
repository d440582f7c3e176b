from django.db import models


class PickupSite(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    address = models.CharField(max_length=200)
    weekday = models.PositiveSmallIntegerField(help_text="0 = Monday")
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class PickupDay(models.Model):
    site = models.ForeignKey(PickupSite, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    skip_deadline = models.DateTimeField()
    skip_notices_queued_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "date"], name="one_pickup_day_per_site")]
        ordering = ["date", "site__name"]

    def __str__(self):
        return f"{self.site} {self.date:%a %d %b}"


class BoxAllocation(models.Model):
    class Status(models.TextChoices):
        ALLOCATED = "allocated", "Allocated"
        SKIPPED = "skipped", "Skipped by member"
        COLLECTED = "collected", "Collected"
        MISSED = "missed", "Not collected"

    pickup_day = models.ForeignKey(PickupDay, on_delete=models.CASCADE, related_name="allocations")
    share = models.ForeignKey("members.Share", on_delete=models.CASCADE, related_name="allocations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ALLOCATED)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pickup_day", "share"], name="one_box_per_share_per_day")]

    def __str__(self):
        return f"{self.share} @ {self.pickup_day}"
