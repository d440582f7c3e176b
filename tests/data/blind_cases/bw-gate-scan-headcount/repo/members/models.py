from django.db import models
from django.utils import timezone


class Member(models.Model):
    class Tier(models.TextChoices):
        INDIVIDUAL = "individual", "Individual"
        FAMILY = "family", "Family"
        PATRON = "patron", "Patron"

    number = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.INDIVIDUAL)
    valid_until = models.DateField()
    is_active = models.BooleanField(default=True)
    visit_count = models.PositiveIntegerField(default=0)
    last_visit_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"

    @property
    def is_valid(self):
        return self.is_active and self.valid_until >= timezone.localdate()

    @property
    def guest_allowance(self):
        return {self.Tier.INDIVIDUAL: 0, self.Tier.FAMILY: 3, self.Tier.PATRON: 1}[self.tier]
