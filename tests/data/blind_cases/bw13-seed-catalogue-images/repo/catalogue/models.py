from django.db import models


class Species(models.Model):
    latin_name = models.CharField(max_length=120, unique=True)
    common_name = models.CharField(max_length=120)
    family = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["latin_name"]
        verbose_name_plural = "species"

    def __str__(self):
        return f"{self.common_name} ({self.latin_name})"


class Variety(models.Model):
    species = models.ForeignKey(Species, on_delete=models.PROTECT, related_name="varieties")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    sku = models.CharField(max_length=32, unique=True)
    description = models.TextField(blank=True)
    days_to_maturity = models.PositiveSmallIntegerField(null=True, blank=True)
    is_organic = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    supplier_page_url = models.URLField(max_length=500, blank=True)
    supplier_page_ok = models.BooleanField(null=True)
    supplier_page_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["species__common_name", "name"]
        verbose_name_plural = "varieties"

    def __str__(self):
        return f"{self.species.common_name} '{self.name}'"

    @property
    def primary_image(self):
        return self.images.filter(role=VarietyImage.Role.PRIMARY, status=VarietyImage.Status.OK).first()


class VarietyImage(models.Model):
    """A photo of a variety hosted by the grower or supplier; we keep metadata only."""

    class Role(models.TextChoices):
        PRIMARY = "primary", "Primary"
        PACKET = "packet", "Seed packet"
        GALLERY = "gallery", "Gallery"

    class Status(models.TextChoices):
        PENDING = "pending", "Not fetched yet"
        OK = "ok", "OK"
        MISSING = "missing", "Gone at source"
        ERROR = "error", "Fetch error"

    variety = models.ForeignKey(Variety, on_delete=models.CASCADE, related_name="images")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.GALLERY)
    position = models.PositiveSmallIntegerField(default=0)
    source_url = models.URLField(max_length=500)
    alt_text = models.CharField(max_length=200, blank=True)
    credit = models.CharField(max_length=120, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    content_type = models.CharField(max_length=40, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    byte_size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="Last time the content changed")
    checked_at = models.DateTimeField(null=True, blank=True, help_text="Last time we asked the source")
    failure_count = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["variety", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["variety", "source_url"], name="uniq_variety_image_url"),
        ]

    def __str__(self):
        return f"{self.variety} – {self.role} #{self.position}"

    @property
    def aspect_ratio(self):
        if self.width and self.height:
            return round(self.width / self.height, 4)
        return None
