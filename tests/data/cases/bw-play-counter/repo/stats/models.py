from django.db import models


class DailyPlays(models.Model):
    episode = models.ForeignKey("podcasts.Episode", on_delete=models.CASCADE, related_name="daily_plays")
    day = models.DateField()
    plays = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("episode", "day")]


class ListenerSession(models.Model):
    episode = models.ForeignKey("podcasts.Episode", on_delete=models.CASCADE)
    listener_hash = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    seconds_listened = models.PositiveIntegerField(default=0)
