from django.db import models


class Zone(models.Model):
    code = models.CharField(max_length=6, unique=True)
    name = models.CharField(max_length=100)
    hourly_rate_pence = models.PositiveIntegerField()
    residents_only = models.BooleanField(default=False)

    def __str__(self):
        return self.code


class Meter(models.Model):
    number = models.CharField(max_length=10, unique=True, help_text="painted on the meter, e.g. HG-0412")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="meters")
    street = models.CharField(max_length=120)
    accepts_card = models.BooleanField(default=True)
    in_service = models.BooleanField(default=True)
    flagged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.number


class Collection(models.Model):
    """Money taken out of one meter on one collection round (one canister)."""
    meter = models.ForeignKey(Meter, on_delete=models.PROTECT, related_name="collections")
    collected_on = models.DateField()
    canister = models.CharField(max_length=12)
    coins_pence = models.PositiveIntegerField()
    card_pence = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meter", "collected_on", "canister"],
                                               name="one_row_per_canister")]

    @property
    def total_pence(self):
        return self.coins_pence + self.card_pence
