from django.db import models


class Store(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=40, blank=True)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Member(models.Model):
    class Tier(models.TextChoices):
        GREEN = "green", "Green"
        SILVER = "silver", "Silver"
        GOLD = "gold", "Gold"

    card_number = models.CharField(max_length=19, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    home_store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    tier = models.CharField(max_length=8, choices=Tier.choices, default=Tier.GREEN)
    points_balance = models.IntegerField(default=0)
    lifetime_points = models.IntegerField(default=0)
    last_purchase_on = models.DateField(null=True, blank=True)
    joined_on = models.DateField(auto_now_add=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["card_number"]

    def __str__(self):
        return f"{self.card_number} ({self.first_name} {self.last_name})"
