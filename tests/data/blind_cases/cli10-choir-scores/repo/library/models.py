from django.db import models
from django.db.models import Q
from django.utils import timezone

from members.models import Singer


class Score(models.Model):
    catalogue_no = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    composer = models.CharField(max_length=200)
    arranger = models.CharField(max_length=200, blank=True)
    voicing = models.CharField(max_length=20, default="SATB", help_text="e.g. SATB, SSAA, SATB div.")
    publisher = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["catalogue_no"]

    def __str__(self):
        return f"{self.catalogue_no} {self.title} ({self.composer})"


class Part(models.Model):
    """A part of a score ("Soprano", "Tenor 2", "Vocal score"). voice is blank for parts every singer uses."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="parts")
    label = models.CharField(max_length=60)
    voice = models.CharField(max_length=1, choices=Singer.Voice.choices, blank=True)

    class Meta:
        ordering = ["score", "label"]
        constraints = [models.UniqueConstraint(fields=["score", "label"], name="unique_part_label")]

    def __str__(self):
        return f"{self.score.catalogue_no} {self.label}"


class PartCopy(models.Model):
    class Condition(models.TextChoices):
        GOOD = "good", "Good"
        WORN = "worn", "Worn"
        DAMAGED = "damaged", "Damaged"
        LOST = "lost", "Lost"

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="copies")
    number = models.PositiveIntegerField()
    condition = models.CharField(max_length=10, choices=Condition.choices, default=Condition.GOOD)

    class Meta:
        ordering = ["part", "number"]
        constraints = [models.UniqueConstraint(fields=["part", "number"], name="unique_copy_number")]

    def __str__(self):
        return f"{self.part} #{self.number}"


class Concert(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    performed_on = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    programme = models.ManyToManyField(Score, related_name="concerts", blank=True)

    class Meta:
        ordering = ["-performed_on"]

    def __str__(self):
        return f"{self.title} ({self.performed_on})"


class LoanQuerySet(models.QuerySet):
    def open(self):
        return self.filter(returned_at__isnull=True)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Loan(models.Model):
    copy = models.ForeignKey(PartCopy, on_delete=models.PROTECT, related_name="loans")
    singer = models.ForeignKey(Singer, on_delete=models.PROTECT, related_name="loans")
    concert = models.ForeignKey(Concert, on_delete=models.SET_NULL, null=True, blank=True, related_name="loans")
    loaned_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    returned_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-loaned_at"]
        constraints = [
            models.UniqueConstraint(fields=["copy"], condition=Q(returned_at__isnull=True),
                                    name="one_open_loan_per_copy"),
        ]

    def __str__(self):
        return f"{self.copy} -> {self.singer.name}"
