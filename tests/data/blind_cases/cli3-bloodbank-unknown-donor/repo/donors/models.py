from django.db import models

ABO_CHOICES = [("O", "O"), ("A", "A"), ("B", "B"), ("AB", "AB")]
RH_CHOICES = [("+", "positive"), ("-", "negative")]


class Site(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    mobile = models.BooleanField(default=False)

    def __str__(self):
        return self.code


class Donor(models.Model):
    code = models.CharField(max_length=12, unique=True, help_text="D-nnnnnn")
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    date_of_birth = models.DateField()
    abo = models.CharField(max_length=2, choices=ABO_CHOICES, blank=True)
    rh = models.CharField(max_length=1, choices=RH_CHOICES, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.code} {self.last_name}"

    @property
    def blood_group(self):
        return f"{self.abo}{self.rh}" if self.abo else ""

    def deferral_on(self, day):
        return self.deferrals.filter(starts_on__lte=day).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=day)).first()


class Deferral(models.Model):
    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="deferrals")
    starts_on = models.DateField()
    until = models.DateField(null=True, blank=True, help_text="empty = permanent")
    reason = models.CharField(max_length=200)

    def __str__(self):
        return f"{self.donor.code} until {self.until or 'permanent'}"
