from django.db import models

from accessions.models import SeedLot


class GerminationTest(models.Model):
    lot = models.ForeignKey(SeedLot, on_delete=models.CASCADE, related_name="germination_tests")
    lab_reference = models.CharField(max_length=30, unique=True)
    sown_on = models.DateField()
    seeds_sown = models.PositiveIntegerField()
    seeds_germinated = models.PositiveIntegerField()
    pretreatment = models.CharField(max_length=80, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sown_on"]

    @property
    def germination_pct(self):
        return round(100 * self.seeds_germinated / self.seeds_sown, 1) if self.seeds_sown else 0.0
