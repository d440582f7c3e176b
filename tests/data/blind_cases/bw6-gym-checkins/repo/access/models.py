from django.db import models

from members.models import Gym, Member


class CheckIn(models.Model):
    """One door scan. The big table: ~25k rows a day, kept for two years."""

    class Method(models.TextChoices):
        CARD = "card", "Card at the door reader"
        APP = "app", "QR code in the app"
        DESK = "desk", "Checked in at the desk"

    member = models.ForeignKey(Member, related_name="checkins", on_delete=models.CASCADE)
    gym = models.ForeignKey(Gym, related_name="checkins", on_delete=models.PROTECT)
    at = models.DateTimeField(db_index=True)
    door = models.CharField(max_length=20, default="main")
    method = models.CharField(max_length=6, choices=Method.choices, default=Method.CARD)

    class Meta:
        indexes = [models.Index(fields=["member", "at"], name="checkin_member_at")]

    def __str__(self):
        return f"{self.member_id}@{self.gym_id} {self.at:%Y-%m-%d %H:%M}"


class OccupancySnapshot(models.Model):
    gym = models.ForeignKey(Gym, related_name="occupancy", on_delete=models.CASCADE)
    taken_at = models.DateTimeField()
    climbers = models.PositiveIntegerField()

    class Meta:
        ordering = ["-taken_at"]
        get_latest_by = "taken_at"


class ExportRun(models.Model):
    day = models.DateField(unique=True)
    path = models.CharField(max_length=255)
    rows = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]
