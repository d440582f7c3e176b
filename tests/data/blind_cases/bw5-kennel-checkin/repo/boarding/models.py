from datetime import date
from decimal import Decimal

from django.db import models
from django.utils import timezone

# vaccinations a pet must have (valid on the first night of the stay) to board
REQUIRED_VACCINATIONS = {
    "dog": {"rabies", "dhpp", "bordetella"},
    "cat": {"rabies", "fvrcp"},
}

# pets with any of these flags go to a run in the quiet wing
QUIET_RUN_FLAGS = {"anxious", "reactive", "senior"}

SENIOR_AGE = {"dog": 8, "cat": 11}


class Owner(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    wants_sms = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Pet(models.Model):
    class Species(models.TextChoices):
        DOG = "dog"
        CAT = "cat"

    class Temperament(models.TextChoices):
        CALM = "calm"
        ANXIOUS = "anxious"
        REACTIVE = "reactive"

    owner = models.ForeignKey(Owner, related_name="pets", on_delete=models.CASCADE)
    name = models.CharField(max_length=60)
    species = models.CharField(max_length=3, choices=Species.choices, default=Species.DOG)
    breed = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("10.0"))
    temperament = models.CharField(max_length=10, choices=Temperament.choices, default=Temperament.CALM)
    medication_notes = models.TextField(blank=True, help_text="what, how much, when")
    diet_notes = models.TextField(blank=True, help_text="special food, allergies")
    vet_name = models.CharField(max_length=120, blank=True)
    vet_phone = models.CharField(max_length=30, blank=True)

    def __str__(self):
        return f"{self.name} ({self.owner})"

    def age_years(self, on=None):
        if not self.date_of_birth:
            return None
        on = on or timezone.localdate()
        years = on.year - self.date_of_birth.year
        if (on.month, on.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    def care_flags(self, on=None):
        """The set of care flags the care team has to plan for.

        ``medication``, ``special_diet``, ``senior``, ``anxious``, ``reactive``.
        """
        flags = set()
        if self.medication_notes.strip():
            flags.add("medication")
        if self.diet_notes.strip():
            flags.add("special_diet")
        age = self.age_years(on)
        if age is not None and age >= SENIOR_AGE[self.species]:
            flags.add("senior")
        if self.temperament != self.Temperament.CALM:
            flags.add(self.temperament)
        return flags

    def missing_vaccinations(self, on=None):
        """Required vaccinations that are missing or expired on ``on``."""
        on = on or timezone.localdate()
        valid = set(
            self.vaccinations.filter(given_on__lte=on, expires_on__gte=on).values_list("kind", flat=True)
        )
        return REQUIRED_VACCINATIONS[self.species] - valid


class Vaccination(models.Model):
    class Kind(models.TextChoices):
        RABIES = "rabies"
        DHPP = "dhpp"
        BORDETELLA = "bordetella"
        FVRCP = "fvrcp"

    pet = models.ForeignKey(Pet, related_name="vaccinations", on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    given_on = models.DateField()
    expires_on = models.DateField()

    class Meta:
        ordering = ["pet", "kind", "-expires_on"]


class Run(models.Model):
    class Size(models.TextChoices):
        SMALL = "small"
        LARGE = "large"

    code = models.CharField(max_length=8, unique=True)
    species = models.CharField(max_length=3, choices=Pet.Species.choices, default=Pet.Species.DOG)
    size = models.CharField(max_length=5, choices=Size.choices, default=Size.SMALL)
    quiet_wing = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Stay(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked"
        CHECKED_IN = "checked_in"
        CHECKED_OUT = "checked_out"
        CANCELLED = "cancelled"
        NO_SHOW = "no_show"

    pet = models.ForeignKey(Pet, related_name="stays", on_delete=models.PROTECT)
    run = models.ForeignKey(Run, related_name="stays", null=True, blank=True, on_delete=models.SET_NULL)
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    nightly_rate = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("38.00"))
    deposit_paid = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0.00"))
    notes = models.TextField(blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.CharField(max_length=60, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "pk"]

    def __str__(self):
        return f"{self.pet.name} {self.start_date:%d %b}-{self.end_date:%d %b}"

    @property
    def nights(self):
        return max((self.end_date - self.start_date).days, 1)

    def needs_quiet_run(self):
        return bool(self.pet.care_flags(on=self.start_date) & QUIET_RUN_FLAGS)

    def overlaps(self, start: date, end: date):
        return self.start_date < end and start < self.end_date


class StayExtra(models.Model):
    class Kind(models.TextChoices):
        BATH = "bath", "Bath & brush"
        NAIL_TRIM = "nails", "Nail trim"
        EXTRA_WALK = "walk", "Extra walk"
        MEDICATION = "meds", "Medication handling"
        LATE_CHECKOUT = "late", "Late check-out"

    stay = models.ForeignKey(Stay, related_name="extras", on_delete=models.CASCADE)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    quantity = models.PositiveSmallIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=7, decimal_places=2)

    @property
    def total(self):
        return self.unit_price * self.quantity
