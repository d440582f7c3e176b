from django.db import models


class Race(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    gun_time = models.DateTimeField(help_text="official start (gun)")
    distance_km = models.DecimalField(max_digits=6, decimal_places=3)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class TimingPoint(models.Model):
    race = models.ForeignKey(Race, related_name="timing_points", on_delete=models.CASCADE)
    mat = models.CharField(max_length=12, help_text="mat code in the decoder logs, e.g. START, 10K, HALF, FINISH")
    km = models.DecimalField(max_digits=6, decimal_places=3)

    class Meta:
        ordering = ["km"]
        constraints = [models.UniqueConstraint(fields=["race", "mat"], name="one_mat_code_per_race")]


class Entry(models.Model):
    race = models.ForeignKey(Race, related_name="entries", on_delete=models.CASCADE)
    bib = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=8, help_text="e.g. MSEN, F40, M55")
    phone = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["race", "bib"], name="one_bib_per_race")]

    def __str__(self):
        return f"{self.bib} {self.name}"


class Result(models.Model):
    class Status(models.TextChoices):
        OFFICIAL = "official"
        UNDER_REVIEW = "under_review"
        DNF = "dnf"

    entry = models.OneToOneField(Entry, related_name="result", on_delete=models.CASCADE)
    gun_time_s = models.PositiveIntegerField(null=True)
    chip_time_s = models.PositiveIntegerField(null=True)
    splits = models.JSONField(default=dict, help_text="mat code -> seconds since the runner's start")
    status = models.CharField(max_length=14, choices=Status.choices)
    overall_place = models.PositiveIntegerField(null=True)
    category_place = models.PositiveIntegerField(null=True)


class ResultReview(models.Model):
    entry = models.ForeignKey(Entry, related_name="reviews", on_delete=models.CASCADE)
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
