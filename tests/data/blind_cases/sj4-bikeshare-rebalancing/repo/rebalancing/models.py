from django.db import models


class Van(models.Model):
    code = models.CharField(max_length=8, unique=True)
    driver = models.CharField(max_length=80, blank=True)
    capacity = models.PositiveSmallIntegerField(default=20)
    on_shift = models.BooleanField(default=False)

    def __str__(self):
        return self.code


class RebalanceTask(models.Model):
    class Kind(models.TextChoices):
        DROP_OFF = "drop_off", "Drop off bikes"
        PICK_UP = "pick_up", "Pick up bikes"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ASSIGNED = "assigned", "Assigned"
        DONE = "done", "Done"
        EXPIRED = "expired", "Expired"

    ACTIVE = (Status.OPEN, Status.ASSIGNED)

    station = models.ForeignKey("stations.Station", on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    bikes = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    van = models.ForeignKey(Van, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    priority = models.FloatField(default=1.0)

    class Meta:
        ordering = ["-priority", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.bikes} @ {self.station.code}"
