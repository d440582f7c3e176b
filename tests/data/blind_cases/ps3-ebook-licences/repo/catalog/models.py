from django.db import models
from django.utils import timezone


class Title(models.Model):
    class Format(models.TextChoices):
        EBOOK = "ebook"
        AUDIOBOOK = "audiobook"

    isbn = models.CharField(max_length=13, unique=True)
    title = models.CharField(max_length=255)
    author = models.CharField(max_length=255, blank=True)
    publisher = models.CharField(max_length=120, blank=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.EBOOK)

    def __str__(self):
        return self.title


class Licence(models.Model):
    """One purchase of a title from a distributor.

    ``max_checkouts`` is set for metered-by-checkouts licences (e.g. 26), ``expires_on`` for metered-by-time
    licences (e.g. 24 months); a licence can have both. ``concurrent_users`` is how many patrons may have it at once.
    """

    class Status(models.TextChoices):
        ACTIVE = "active"
        EXHAUSTED = "exhausted"
        EXPIRED = "expired"

    title = models.ForeignKey(Title, related_name="licences", on_delete=models.CASCADE)
    distributor = models.CharField(max_length=60)
    order_ref = models.CharField(max_length=40, blank=True)
    purchased_on = models.DateField(default=timezone.localdate)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    concurrent_users = models.PositiveSmallIntegerField(default=1)
    max_checkouts = models.PositiveIntegerField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    checkouts_used = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.title} ({self.distributor} #{self.pk})"

    @property
    def checkouts_left(self):
        if self.max_checkouts is None:
            return None
        return max(self.max_checkouts - self.checkouts_used, 0)


class LicenceCheckoutDay(models.Model):
    licence = models.ForeignKey(Licence, related_name="checkout_days", on_delete=models.CASCADE)
    day = models.DateField()
    checkouts = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["licence", "day"], name="one_usage_row_per_licence_day")]
