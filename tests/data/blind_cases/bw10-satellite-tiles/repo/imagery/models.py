from django.db import models


class Scene(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        PARTIAL = "partial", "Partially tiled"
        FAILED = "failed", "Failed"

    scene_id = models.CharField(max_length=120, unique=True)
    platform = models.CharField(max_length=40)
    acquired_at = models.DateTimeField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    archive_key = models.CharField(max_length=255)
    # as reported by the provider for the whole granule
    reported_cloud_cover = models.FloatField(null=True, blank=True)
    # measured by us over the tiles we cut
    cloud_cover = models.FloatField(null=True, blank=True)
    zoom = models.PositiveSmallIntegerField(default=12)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    processed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acquired_at"]

    def __str__(self):
        return self.scene_id

    @property
    def bbox(self):
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


class Tile(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="tiles")
    z = models.PositiveSmallIntegerField()
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    cloud_fraction = models.FloatField(null=True, blank=True)
    ndvi_mean = models.FloatField(null=True, blank=True)
    valid_ratio = models.FloatField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["z", "x", "y"]
        constraints = [models.UniqueConstraint(fields=["scene", "z", "x", "y"], name="uniq_tile_per_scene")]

    def __str__(self):
        return f"{self.scene_id}:{self.z}/{self.x}/{self.y}"


class OverviewTile(models.Model):
    """Low zoom tile used for the quicklook in the portal's scene list."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="overviews")
    z = models.PositiveSmallIntegerField()
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    mean_brightness = models.FloatField()
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["z", "x", "y"]
        constraints = [models.UniqueConstraint(fields=["scene", "z", "x", "y"], name="uniq_overview_per_scene")]


class ProcessingRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        EXPIRED = "expired", "Expired"

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    only_failed = models.BooleanField(default=False)
    tiles_total = models.PositiveIntegerField(default=0)
    tiles_ok = models.PositiveIntegerField(default=0)
    tiles_failed = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
