from django.db import models

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class Pool(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    length_m = models.PositiveSmallIntegerField("length (m)", default=25)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Lane(models.Model):
    class Speed(models.TextChoices):
        SLOW = "slow", "Slow"
        MEDIUM = "medium", "Medium"
        FAST = "fast", "Fast"

    pool = models.ForeignKey(Pool, related_name="lanes", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField()
    speed = models.CharField(max_length=8, choices=Speed.choices, default=Speed.MEDIUM)
    is_active = models.BooleanField(default=True, help_text="Untick while a lane is out of use (ropes, repairs).")

    class Meta:
        ordering = ["pool", "number"]
        constraints = [models.UniqueConstraint(fields=["pool", "number"], name="unique_lane_number_per_pool")]

    def __str__(self):
        return f"{self.pool.code} lane {self.number} ({self.get_speed_display().lower()})"


class TimetableEntry(models.Model):
    """One recurring session on the weekly timetable, e.g. early swim on Mondays 06:30-08:00 in lanes 1-4.

    Times are local (pool) wall-clock times.
    """

    class Activity(models.TextChoices):
        EARLY_SWIM = "early_swim", "Early swim"
        LANE_SWIM = "lane_swim", "Lane swim"
        AQUA_JOGGING = "aqua_jogging", "Aqua jogging"
        MASTERS = "masters", "Masters training"

    pool = models.ForeignKey(Pool, related_name="timetable", on_delete=models.CASCADE)
    activity = models.CharField(max_length=16, choices=Activity.choices)
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start_time = models.TimeField()
    end_time = models.TimeField()
    lanes = models.ManyToManyField(Lane, related_name="timetable_entries")
    places_per_lane = models.PositiveSmallIntegerField(default=6)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["pool", "weekday", "start_time"]
        verbose_name_plural = "timetable entries"

    def __str__(self):
        return (f"{self.get_activity_display()} {self.get_weekday_display()} "
                f"{self.start_time:%H:%M}-{self.end_time:%H:%M}")

    def applies_on(self, day):
        if not self.is_active or day.weekday() != self.weekday:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_until and day > self.valid_until:
            return False
        return True


class Closure(models.Model):
    """Days a pool is closed to the public: holidays, maintenance, swim meets. Dates are inclusive."""

    pool = models.ForeignKey(Pool, related_name="closures", on_delete=models.CASCADE)
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.pool.code} closed {self.starts_on}..{self.ends_on}: {self.reason}"

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on
