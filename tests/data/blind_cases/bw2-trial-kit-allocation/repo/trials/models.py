from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class Study(models.Model):
    code = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    block_size = models.PositiveSmallIntegerField(default=4)
    randomization_seed = models.CharField(max_length=64)
    is_enrolling = models.BooleanField(default=True)
    target_enrollment = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "studies"

    def __str__(self):
        return self.code


class Arm(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="arms")
    code = models.CharField(max_length=8)
    label = models.CharField(max_length=120)
    ratio = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["study", "code"]
        constraints = [models.UniqueConstraint(fields=["study", "code"], name="uniq_arm_code")]

    def __str__(self):
        return f"{self.study.code}/{self.code}"


class Site(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sites")
    number = models.CharField(max_length=8)
    name = models.CharField(max_length=200)
    pharmacist_email = models.EmailField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["study", "number"]
        constraints = [models.UniqueConstraint(fields=["study", "number"], name="uniq_site_number")]

    def __str__(self):
        return f"{self.study.code}-{self.number}"


class VisitTemplate(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="visit_templates")
    name = models.CharField(max_length=60)
    day_offset = models.PositiveIntegerField()
    window_days = models.PositiveSmallIntegerField(default=3)
    dispenses_kit = models.BooleanField(default=False)

    class Meta:
        ordering = ["study", "day_offset"]


class Participant(models.Model):
    class Status(models.TextChoices):
        SCREENING = "screening", "Screening"
        SCREEN_FAILED = "screen_failed", "Screen failed"
        RANDOMIZED = "randomized", "Randomized"
        WITHDRAWN = "withdrawn", "Withdrawn"

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="participants")
    screening_number = models.CharField(max_length=20, unique=True)
    initials = models.CharField(max_length=4)
    birth_year = models.PositiveSmallIntegerField()
    consented_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCREENING)
    screen_fail_reason = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["screening_number"]

    def __str__(self):
        return self.screening_number

    @property
    def study(self):
        return self.site.study

    def randomize(self, arm, *, sequence_number, by=""):
        """Record the allocation of this participant to ``arm``.

        Called by the randomization service, which owns locking and the
        sequence; this only writes the participant's side of it.
        """
        from pharmacy.tasks import allocate_kit

        randomization = Randomization.objects.create(
            participant=self, arm=arm, sequence_number=sequence_number, randomized_by=by,
        )
        self.status = self.Status.RANDOMIZED
        self.save(update_fields=["status", "updated_at"])
        # the site pharmacist needs a kit number before the day-1 visit
        allocate_kit.apply_async(args=[randomization.pk], queue="pharmacy")
        return randomization

    def mark_screen_failed(self, reason):
        from .tasks import notify_screen_failure

        self.status = self.Status.SCREEN_FAILED
        self.screen_fail_reason = reason
        self.save(update_fields=["status", "screen_fail_reason", "updated_at"])
        participant_id = self.pk
        transaction.on_commit(lambda: notify_screen_failure.delay(participant_id))


class Randomization(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.PROTECT, related_name="randomization")
    arm = models.ForeignKey(Arm, on_delete=models.PROTECT, related_name="randomizations")
    sequence_number = models.PositiveIntegerField()
    randomized_at = models.DateTimeField(default=timezone.now)
    randomized_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["sequence_number"]

    def __str__(self):
        return f"R{self.sequence_number:05d} {self.participant}"

    @property
    def randomization_number(self):
        return f"{self.participant.site.study.code}-R{self.sequence_number:05d}"


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        MISSED = "missed", "Missed"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="visits")
    template = models.ForeignKey(VisitTemplate, on_delete=models.PROTECT)
    target_date = models.DateField()
    window_start = models.DateField()
    window_end = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["participant", "target_date"]

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status == self.Status.PLANNED and today > self.window_end


def visit_window(template, day_one):
    target = day_one + timedelta(days=template.day_offset)
    margin = timedelta(days=template.window_days)
    return target, target - margin, target + margin


def sponsor_address():
    return settings.SPONSOR_SAFETY_EMAIL
