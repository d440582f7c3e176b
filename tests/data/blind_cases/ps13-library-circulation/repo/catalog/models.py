from django.db import models


class Branch(models.Model):
    class Region(models.TextChoices):
        CITY = "city"
        NORTH = "north"
        SOUTH = "south"
        RURAL = "rural"

    code = models.CharField(max_length=8, unique=True, help_text="ILS location code, e.g. CEN")
    name = models.CharField(max_length=120)
    region = models.CharField(max_length=8, choices=Region.choices)
    opened_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "branches"

    def __str__(self):
        return f"{self.name} ({self.code})"


class Genre(models.TextChoices):
    FICTION = "fiction"
    CRIME = "crime"
    SCIFI_FANTASY = "scifi_fantasy"
    ROMANCE = "romance"
    BIOGRAPHY = "biography"
    HISTORY = "history"
    SCIENCE = "science"
    TRAVEL = "travel"
    COOKERY = "cookery"
    CHILDREN = "children"
    YOUNG_ADULT = "young_adult"
    GRAPHIC = "graphic"
    REFERENCE = "reference"


class Title(models.Model):
    class Audience(models.TextChoices):
        ADULT = "adult"
        TEEN = "teen"
        CHILD = "child"

    isbn = models.CharField("ISBN-13", max_length=13, unique=True)
    title = models.CharField(max_length=255)
    author = models.CharField(max_length=255, blank=True)
    genre = models.CharField(max_length=16, choices=Genre.choices, blank=True,
                             help_text="Blank until the cataloguers have classified the title")
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.ADULT)
    publication_year = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.isbn})"
