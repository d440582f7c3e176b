from django.db import models


class RentalContract(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RETURNED = "returned", "Returned"
        LOST = "lost", "Lost / damaged"

    number = models.CharField(max_length=20, unique=True)
    customer_name = models.CharField(max_length=120)
    equipment = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    amount_chf = models.DecimalField(max_digits=8, decimal_places=2, default=0)

    def __str__(self):
        return self.number
