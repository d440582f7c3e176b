from decimal import Decimal

from django.db import models


class Member(models.Model):
    number = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    iban = models.CharField(max_length=34, blank=True)

    def __str__(self):
        return f"{self.number} {self.name}"


class Farm(models.Model):
    member = models.ForeignKey(Member, related_name="farms", on_delete=models.PROTECT)
    code = models.CharField(max_length=10, unique=True, help_text="code on the tanker tablet, e.g. F0412")
    name = models.CharField(max_length=120)
    route = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return self.code


class PriceSchedule(models.Model):
    valid_from = models.DateField(unique=True)
    fat_per_kg = models.DecimalField(max_digits=6, decimal_places=4)
    protein_per_kg = models.DecimalField(max_digits=6, decimal_places=4)
    levy_per_litre = models.DecimalField(max_digits=6, decimal_places=5, default=Decimal("0"))

    class Meta:
        ordering = ["-valid_from"]

    @classmethod
    def for_day(cls, day):
        return cls.objects.filter(valid_from__lte=day).first()
