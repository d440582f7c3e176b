from django.db import models


class Depot(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    manager_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Vehicle(models.Model):
    class FuelType(models.TextChoices):
        DIESEL = "diesel", "Diesel"
        PETROL = "petrol", "Petrol"

    fleet_number = models.CharField(max_length=16, unique=True, help_text="e.g. VN-0412")
    registration = models.CharField(max_length=16, unique=True)
    make_model = models.CharField(max_length=80, blank=True)
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="vehicles")
    fuel_type = models.CharField(max_length=8, choices=FuelType.choices, default=FuelType.DIESEL)
    tank_capacity_litres = models.DecimalField(max_digits=5, decimal_places=1)
    odometer_km = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["fleet_number"]

    def __str__(self):
        return f"{self.fleet_number} ({self.registration})"


class FuelCard(models.Model):
    """A card issued by the fuel card provider. Cards move between vehicles over time."""

    number = models.CharField(max_length=19, unique=True, help_text="digits only")
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="fuel_cards")
    active = models.BooleanField(default=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.masked_number

    @property
    def masked_number(self):
        return f"**** {self.number[-4:]}"
