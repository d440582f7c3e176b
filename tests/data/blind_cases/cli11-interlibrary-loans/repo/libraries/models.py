from django.db import models


class Library(models.Model):
    """A member library of the consortium (one row per lending/borrowing site)."""

    class System(models.TextChoices):
        KOHA = "koha", "Koha"
        POLARIS = "polaris", "Polaris"
        SIERRA = "sierra", "Sierra"
        EVERGREEN = "evergreen", "Evergreen"

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    ils = models.CharField("ILS", max_length=12, choices=System.choices, default=System.KOHA)
    ill_contact_email = models.EmailField(blank=True)
    courier_route = models.CharField(max_length=20, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "libraries"

    def __str__(self):
        return f"{self.code} – {self.name}"
