from django.db import models


class Section(models.TextChoices):
    SOPRANO = "S", "Sopranos"
    ALTO = "A", "Altos"
    TENOR = "T", "Tenors"
    BASS = "B", "Basses"


class Singer(models.Model):
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    section = models.CharField(max_length=1, choices=Section.choices)
    is_section_leader = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    joined = models.DateField(null=True, blank=True)
    can_do_duties = models.BooleanField(
        default=True, help_text="Untick for singers who can't lift chairs or stay late.")

    class Meta:
        ordering = ["section", "last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


def section_leader(section):
    return (Singer.objects.filter(section=section, active=True, is_section_leader=True)
            .order_by("last_name").first())
