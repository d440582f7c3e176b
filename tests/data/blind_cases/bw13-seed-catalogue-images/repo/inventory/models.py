from django.db import models

from catalogue.models import Variety


class SeedLot(models.Model):
    variety = models.ForeignKey(Variety, on_delete=models.PROTECT, related_name="lots")
    lot_code = models.CharField(max_length=24, unique=True)
    harvest_year = models.PositiveSmallIntegerField()
    grower = models.CharField(max_length=120, blank=True)
    grams_on_hand = models.DecimalField(max_digits=9, decimal_places=1, default=0)
    seeds_per_gram = models.PositiveIntegerField(null=True, blank=True)
    packets_available = models.PositiveIntegerField(default=0)
    needs_germination_test = models.BooleanField(default=False)
    is_withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["variety", "-harvest_year"]

    def __str__(self):
        return self.lot_code

    @property
    def latest_test(self):
        return self.germination_tests.order_by("-tested_on").first()


class GerminationTest(models.Model):
    lot = models.ForeignKey(SeedLot, on_delete=models.CASCADE, related_name="germination_tests")
    tested_on = models.DateField()
    seeds_sown = models.PositiveSmallIntegerField(default=100)
    seeds_germinated = models.PositiveSmallIntegerField()
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-tested_on"]

    @property
    def rate(self):
        return round(100 * self.seeds_germinated / self.seeds_sown, 1) if self.seeds_sown else None
