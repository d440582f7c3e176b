from decimal import Decimal

from django.db import models


class Branch(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    daily_fine = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0.25"))
    # a loan is never charged more than this in total (or the item's replacement cost, if lower)
    max_fine = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("5.00"))
    email = models.EmailField(blank=True)

    def __str__(self):
        return self.name


class Title(models.Model):
    isbn = models.CharField(max_length=17, blank=True)
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    replacement_cost = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("25.00"))
    fine_exempt = models.BooleanField(default=False)  # e.g. children's books

    def __str__(self):
        return self.title


class Copy(models.Model):
    class Status(models.TextChoices):
        ON_SHELF = "shelf", "On shelf"
        ON_LOAN = "loan", "On loan"
        LOST = "lost", "Lost"

    barcode = models.CharField(max_length=20, unique=True)
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="copies")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="copies")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ON_SHELF)

    def __str__(self):
        return self.barcode
