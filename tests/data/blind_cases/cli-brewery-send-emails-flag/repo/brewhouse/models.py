from django.db import models


class Site(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)

    def __str__(self):
        return self.code


class Tank(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="tanks")
    label = models.CharField(max_length=20)
    capacity_hl = models.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        unique_together = [("site", "label")]

    def __str__(self):
        return f"{self.site.code}/{self.label}"


class Recipe(models.Model):
    name = models.CharField(max_length=80, unique=True)
    style = models.CharField(max_length=40, blank=True)
    target_og = models.DecimalField(max_digits=5, decimal_places=3)
    target_fg = models.DecimalField(max_digits=5, decimal_places=3)

    def __str__(self):
        return self.name


class Batch(models.Model):
    class Status(models.TextChoices):
        BREWED = "brewed", "Brewed"
        FERMENTING = "fermenting", "Fermenting"
        CONDITIONING = "conditioning", "Conditioning"
        PACKAGED = "packaged", "Packaged"
        ARCHIVED = "archived", "Archived"

    code = models.CharField(max_length=20, unique=True)
    recipe = models.ForeignKey(Recipe, on_delete=models.PROTECT, related_name="batches")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="batches")
    tank = models.ForeignKey(Tank, null=True, blank=True, on_delete=models.SET_NULL, related_name="batches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BREWED)
    brewed_at = models.DateTimeField()
    original_gravity = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    final_gravity = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    fermentation_done_at = models.DateTimeField(null=True, blank=True)
    packaged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.code

    @property
    def abv(self):
        if self.original_gravity is None or self.final_gravity is None:
            return None
        return round(float(self.original_gravity - self.final_gravity) * 131.25, 1)


class GravityReading(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="readings")
    taken_at = models.DateTimeField()
    gravity = models.DecimalField(max_digits=5, decimal_places=3)
    temperature_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    source = models.CharField(max_length=20, default="probe")

    class Meta:
        ordering = ["taken_at"]
        unique_together = [("batch", "taken_at")]
