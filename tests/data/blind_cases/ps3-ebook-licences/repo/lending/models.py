from django.db import models
from django.utils import timezone

from catalog.models import Licence, Title


class Branch(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)

    def __str__(self):
        return self.code


class Patron(models.Model):
    card_number = models.CharField(max_length=14, unique=True)
    home_branch = models.ForeignKey(Branch, related_name="patrons", on_delete=models.PROTECT)
    email = models.EmailField(blank=True)
    max_loans = models.PositiveSmallIntegerField(default=10)

    def __str__(self):
        return self.card_number


class Loan(models.Model):
    patron = models.ForeignKey(Patron, related_name="loans", on_delete=models.CASCADE)
    licence = models.ForeignKey(Licence, related_name="loans", on_delete=models.PROTECT)
    branch = models.ForeignKey(Branch, related_name="loans", on_delete=models.PROTECT)
    borrowed_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["returned_at", "due_at"])]


class Hold(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting"
        READY = "ready"
        FULFILLED = "fulfilled"
        LAPSED = "lapsed"

    patron = models.ForeignKey(Patron, related_name="holds", on_delete=models.CASCADE)
    title = models.ForeignKey(Title, related_name="holds", on_delete=models.CASCADE)
    placed_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)

    class Meta:
        ordering = ["placed_at"]
