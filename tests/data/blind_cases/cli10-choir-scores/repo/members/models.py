from django.db import models


class Singer(models.Model):
    class Voice(models.TextChoices):
        SOPRANO = "S", "Soprano"
        ALTO = "A", "Alto"
        TENOR = "T", "Tenor"
        BASS = "B", "Bass"

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    voice = models.CharField(max_length=1, choices=Voice.choices)
    active = models.BooleanField(default=True)
    is_section_leader = models.BooleanField(default=False)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.voice})"


# Score order on sheets and lists: top voice first.
VOICE_ORDER = {v: i for i, v in enumerate([Singer.Voice.SOPRANO, Singer.Voice.ALTO,
                                          Singer.Voice.TENOR, Singer.Voice.BASS])}
