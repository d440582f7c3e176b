from datetime import timedelta

from django.db import models
from django.utils import timezone


class Rehearsal(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", "Full choir"
        SECTIONAL = "sectional", "Sectional"
        CONCERT = "concert", "Concert call"

    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=120)
    venue = models.CharField(max_length=120, default="St Mary's Church Hall")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.FULL)
    section = models.CharField(max_length=1, blank=True, help_text="Only for sectionals.")
    notes = models.CharField(max_length=255, blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.get_kind_display()} {local:%a %d %b %Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class RotaDuty(models.Model):
    class Duty(models.TextChoices):
        CHAIRS = "chairs", "Chairs set-up"
        TEA = "tea", "Tea and biscuits"
        SIGN_IN = "sign_in", "Sign-in desk"
        LIBRARY = "library", "Music library"

    rehearsal = models.ForeignKey(Rehearsal, related_name="duties", on_delete=models.CASCADE)
    singer = models.ForeignKey("members.Singer", related_name="duties", on_delete=models.CASCADE)
    duty = models.CharField(max_length=10, choices=Duty.choices)
    swapped_from = models.ForeignKey("members.Singer", null=True, blank=True, related_name="+",
                                     on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rehearsal", "duty"], name="one_singer_per_duty")]
        ordering = ["rehearsal__starts_at", "duty"]

    def __str__(self):
        return f"{self.get_duty_display()}: {self.singer} ({self.rehearsal})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present"
        APOLOGIES = "apologies"
        ABSENT = "absent"

    rehearsal = models.ForeignKey(Rehearsal, related_name="attendance", on_delete=models.CASCADE)
    singer = models.ForeignKey("members.Singer", related_name="attendance", on_delete=models.CASCADE)
    status = models.CharField(max_length=10, choices=Status.choices)
    noted_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rehearsal", "singer"], name="one_mark_per_singer")]
