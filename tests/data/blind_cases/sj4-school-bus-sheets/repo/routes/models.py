from django.db import models

WEEKDAY_LETTERS = "MTWRF"  # Monday..Friday


class Route(models.Model):
    code = models.CharField(max_length=8, unique=True)
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="routes")
    driver = models.CharField(max_length=80, blank=True)
    bus_number = models.CharField(max_length=10, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Stop(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops")
    sequence = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    pickup_time = models.TimeField(help_text="scheduled local pickup time")

    class Meta:
        ordering = ["route", "sequence"]
        constraints = [models.UniqueConstraint(fields=["route", "sequence"], name="unique_stop_sequence")]

    def __str__(self):
        return f"{self.route} #{self.sequence} {self.name}"


class Rider(models.Model):
    """A student assigned to a stop, on some weekdays."""

    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="rides")
    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="riders")
    days = models.CharField(max_length=5, default=WEEKDAY_LETTERS, help_text="weekday letters, e.g. MWF")
    active = models.BooleanField(default=True)

    def rides_on(self, day):
        return day.weekday() < 5 and WEEKDAY_LETTERS[day.weekday()] in self.days


class Absence(models.Model):
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reported_at = models.DateTimeField()
    reported_by = models.CharField(max_length=80, blank=True)
    reason = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-reported_at"]

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


class RouteSheet(models.Model):
    class Stage(models.TextChoices):
        PRELIMINARY = "preliminary", "Preliminary"
        FINAL = "final", "Final"

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="sheets")
    day = models.DateField()
    stage = models.CharField(max_length=12, choices=Stage.choices)
    built_at = models.DateTimeField()
    riders = models.PositiveSmallIntegerField(default=0)
    absent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["day", "route__code"]
        constraints = [models.UniqueConstraint(fields=["route", "day"], name="one_sheet_per_route_day")]

    def __str__(self):
        return f"{self.route} {self.day} ({self.stage})"


class SheetLine(models.Model):
    sheet = models.ForeignKey(RouteSheet, on_delete=models.CASCADE, related_name="lines")
    stop = models.ForeignKey(Stop, on_delete=models.CASCADE)
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE)
    pickup_at = models.DateTimeField()
    absent = models.BooleanField(default=False)

    class Meta:
        ordering = ["pickup_at", "student__last_name"]
