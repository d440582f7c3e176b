from datetime import time

from django.core.exceptions import ValidationError
from django.db import models


class Route(models.Model):
    """A delivery round; one van, one driver, leaves the bakery once a morning."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=80)
    driver_name = models.CharField(max_length=80, blank=True)
    driver_email = models.EmailField(blank=True)
    departs_at = models.TimeField(default=time(5, 0))

    class Meta:
        ordering = ["departs_at", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Customer(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="customers")
    stop_order = models.PositiveIntegerField(default=0, help_text="position on the route, lowest first")
    address = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    drop_notes = models.CharField(max_length=200, blank=True, help_text="key safe code, back door, ...")
    is_paused = models.BooleanField(
        default=False, help_text="paused accounts get no deliveries at all (unpaid invoices, lost keys...)")

    class Meta:
        ordering = ["route__code", "stop_order", "name"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Closure(models.Model):
    """A customer is closed (holiday, refit, ...) from first_day to last_day, both included."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                   name="closure_last_day_after_first_day"),
        ]

    def __str__(self):
        return f"{self.customer.code} closed {self.first_day:%d %b} - {self.last_day:%d %b %Y}"

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day cannot be before the first day."})

    def covers(self, day):
        return self.first_day <= day <= self.last_day
