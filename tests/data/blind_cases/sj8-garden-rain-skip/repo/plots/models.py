from django.db import models
from django.db.models import Sum


class Gardener(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=30, blank=True)
    active = models.BooleanField(default=True)
    joined_on = models.DateField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Bed(models.Model):
    code = models.CharField(max_length=10, unique=True)  # "A3", "H1"
    description = models.CharField(max_length=200, blank=True)
    shared = models.BooleanField(default=False, help_text="communal bed, watered by the rota")
    holder = models.ForeignKey(Gardener, null=True, blank=True, on_delete=models.SET_NULL, related_name="beds")
    needs_water = models.BooleanField(default=True, help_text="off for succulents and the native strip")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class HarvestLogQuerySet(models.QuerySet):
    def logged_on(self, day):
        """Entries logged on the garden's calendar day `day` (the __date lookup uses TIME_ZONE)."""
        return self.filter(logged_at__date=day)

    def total_kg(self):
        return self.aggregate(total=Sum("weight_kg"))["total"] or 0


class HarvestLog(models.Model):
    bed = models.ForeignKey(Bed, on_delete=models.CASCADE, related_name="harvests")
    gardener = models.ForeignKey(Gardener, on_delete=models.CASCADE, related_name="harvests")
    crop = models.CharField(max_length=80)
    weight_kg = models.DecimalField(max_digits=6, decimal_places=2)
    logged_at = models.DateTimeField()
    donated = models.BooleanField(default=False, help_text="went to the food bank box")

    objects = HarvestLogQuerySet.as_manager()

    class Meta:
        ordering = ["-logged_at"]
