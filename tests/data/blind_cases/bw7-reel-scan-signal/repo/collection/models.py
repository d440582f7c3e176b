from django.db import models


class Film(models.Model):
    accession_no = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["accession_no"]

    def __str__(self):
        return f"{self.accession_no} {self.title}"


class Reel(models.Model):
    class Gauge(models.TextChoices):
        MM35 = "35mm", "35 mm"
        MM16 = "16mm", "16 mm"
        MM8 = "8mm", "8 mm / Super 8"

    class Base(models.TextChoices):
        NITRATE = "nitrate", "Nitrate"
        ACETATE = "acetate", "Acetate"
        POLYESTER = "polyester", "Polyester"

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="reels")
    number = models.PositiveSmallIntegerField()
    gauge = models.CharField(max_length=5, choices=Gauge.choices, default=Gauge.MM35)
    base = models.CharField(max_length=10, choices=Base.choices, default=Base.ACETATE)
    footage_ft = models.PositiveIntegerField(help_text="length in feet")
    vinegar_syndrome = models.BooleanField(default=False)
    on_loan = models.BooleanField(default=False)

    class Meta:
        ordering = ["film", "number"]
        constraints = [models.UniqueConstraint(fields=["film", "number"], name="uniq_reel_number")]

    def __str__(self):
        return f"{self.film.accession_no} R{self.number}"
