from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class PodcastQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(is_active=True).filter(
            models.Q(next_fetch_at__isnull=True) | models.Q(next_fetch_at__lte=now)
        )


class Podcast(models.Model):
    feed_url = models.URLField(max_length=500, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=12, blank=True)
    explicit = models.BooleanField(default=False)
    image_url = models.URLField(max_length=500, blank=True)
    artwork_path = models.CharField(max_length=300, blank=True)
    categories = models.ManyToManyField(Category, related_name="podcasts", blank=True)

    is_active = models.BooleanField(default=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    fetch_interval = models.DurationField(default=timedelta(hours=1))
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PodcastQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title or self.feed_url

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.title or self.feed_url.split("//", 1)[-1])[:100] or "podcast"
            slug, n = base, 1
            while Podcast.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def record_success(self, etag="", last_modified=""):
        now = timezone.now()
        self.etag = etag or ""
        self.last_modified = last_modified or ""
        self.last_fetched_at = now
        self.next_fetch_at = now + self.fetch_interval
        self.consecutive_failures = 0
        self.last_error = ""
        self.save(update_fields=["etag", "last_modified", "last_fetched_at", "next_fetch_at",
                                 "consecutive_failures", "last_error"])

    def record_failure(self, error):
        """Back off exponentially (capped at a day); give up after FEEDS_MAX_FAILURES in a row."""
        now = timezone.now()
        self.consecutive_failures += 1
        delay = min(self.fetch_interval * (2 ** min(self.consecutive_failures, 10)), timedelta(days=1))
        self.last_fetched_at = now
        self.next_fetch_at = now + delay
        self.last_error = error[:2000]
        if self.consecutive_failures >= settings.FEEDS_MAX_FAILURES:
            self.is_active = False
        self.save(update_fields=["consecutive_failures", "last_fetched_at", "next_fetch_at", "last_error",
                                 "is_active"])


class Episode(models.Model):
    podcast = models.ForeignKey(Podcast, related_name="episodes", on_delete=models.CASCADE)
    guid = models.CharField(max_length=500)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    audio_url = models.URLField(max_length=1000)
    audio_type = models.CharField(max_length=50, blank=True)
    audio_length = models.BigIntegerField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    enclosure_ok = models.BooleanField(null=True)
    enclosure_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["podcast", "guid"], name="unique_episode_guid")]

    def __str__(self):
        return self.title
