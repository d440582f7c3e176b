from django.db import models


class Clinic(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="Account code the reference labs know us by")
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=32)
    email = models.EmailField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Veterinarian(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="vets")
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return f"Dr. {self.name}"


class Owner(models.Model):
    class Contact(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"
        NONE = "none", "Do not contact"

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=20, blank=True)
    preferred_contact = models.CharField(max_length=8, choices=Contact.choices, default=Contact.EMAIL)

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Pet(models.Model):
    class Species(models.TextChoices):
        CANINE = "canine", "Dog"
        FELINE = "feline", "Cat"
        EQUINE = "equine", "Horse"
        OTHER = "other", "Other"

    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="pets")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    pims_id = models.CharField("PIMS patient id", max_length=20, unique=True)
    name = models.CharField(max_length=60)
    species = models.CharField(max_length=10, choices=Species.choices)
    breed = models.CharField(max_length=60, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    is_deceased = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.name} ({self.owner.last_name})"
