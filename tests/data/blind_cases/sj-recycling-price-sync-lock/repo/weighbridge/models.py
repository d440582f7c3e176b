from django.db import models

from materials.models import Material


class Customer(models.Model):
    name = models.CharField(max_length=120)
    iban = models.CharField(max_length=34, blank=True)
    id_checked = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Ticket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open (vehicle on site)"
        WEIGHED = "weighed", "Weighed"
        PAID = "paid", "Paid"
        VOID = "void", "Void"

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="tickets")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="tickets")
    gross_kg = models.PositiveIntegerField()
    tare_kg = models.PositiveIntegerField(null=True, blank=True)
    price_per_kg = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    @property
    def net_kg(self):
        return None if self.tare_kg is None else self.gross_kg - self.tare_kg

    @property
    def payout(self):
        if self.net_kg is None or self.price_per_kg is None:
            return None
        return self.price_per_kg * self.net_kg


class DailyTonnage(models.Model):
    day = models.DateField()
    material = models.ForeignKey(Material, on_delete=models.CASCADE)
    net_kg = models.PositiveIntegerField()
    tickets = models.PositiveIntegerField()

    class Meta:
        unique_together = [("day", "material")]
