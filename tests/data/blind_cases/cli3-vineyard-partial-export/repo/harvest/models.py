from django.db import models

from vineyard.models import Block, Variety


class PriceSchedule(models.Model):
    """Contract price per tonne for a vintage, variety and quality grade."""
    vintage = models.PositiveIntegerField()
    variety = models.ForeignKey(Variety, on_delete=models.PROTECT, related_name="prices")
    grade = models.CharField(max_length=1, choices=[("A", "A"), ("B", "B"), ("C", "C")])
    price_per_tonne = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        unique_together = [("vintage", "variety", "grade")]

    def __str__(self):
        return f"{self.vintage} {self.variety} {self.grade}: {self.price_per_tonne}"


class WeighTicket(models.Model):
    number = models.PositiveIntegerField(unique=True)
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="tickets")
    weighed_at = models.DateTimeField()
    gross_kg = models.PositiveIntegerField()
    tare_kg = models.PositiveIntegerField()
    grade = models.CharField(max_length=1, choices=[("A", "A"), ("B", "B"), ("C", "C")], default="A")
    baume = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    void = models.BooleanField(default=False)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"#{self.number}"

    @property
    def net_kg(self):
        return self.gross_kg - self.tare_kg
