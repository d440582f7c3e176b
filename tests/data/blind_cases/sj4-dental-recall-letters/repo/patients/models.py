from django.db import models


class Dentist(models.Model):
    name = models.CharField(max_length=80)
    hygienist = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Patient(models.Model):
    chart_number = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=10, blank=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    address_line1 = models.CharField(max_length=120, blank=True)
    address_line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    email = models.EmailField(blank=True)
    letters_opt_out = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    dentist = models.ForeignKey(Dentist, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def salutation(self):
        return f"{self.title} {self.last_name}" if self.title else self.first_name

    @property
    def postal_address(self):
        lines = [self.address_line1, self.address_line2, self.town, self.postcode]
        return [line for line in lines if line]

    @property
    def can_receive_letters(self):
        return self.active and not self.letters_opt_out and bool(self.address_line1 and self.postcode)


class Appointment(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="appointments")
    dentist = models.ForeignKey(Dentist, on_delete=models.PROTECT)
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    treatment = models.CharField(max_length=80, blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]
