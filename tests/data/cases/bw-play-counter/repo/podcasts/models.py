from django.db import models
from django.utils import timezone


class Show(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    total_plays = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return self.title


class Episode(models.Model):
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="episodes")
    title = models.CharField(max_length=200)
    number = models.PositiveIntegerField()
    audio_url = models.URLField()
    duration_s = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(default=timezone.now)
    play_count = models.PositiveBigIntegerField(default=0)
    last_played_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("show", "number")]

    def __str__(self):
        return f"{self.show.slug} #{self.number}"
