from django.db import models


class Customer(models.Model):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)


class Parcel(models.Model):
    code = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="parcels")
    weight = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    processed = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)


class Reminder(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)


class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    period = models.CharField(max_length=7)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        unique_together = [("customer", "period")]


class DailyStat(models.Model):
    day = models.DateField(unique=True)
    parcels = models.IntegerField(default=0)


class JobState(models.Model):
    name = models.CharField(max_length=50, unique=True)
    running = models.BooleanField(default=False)
