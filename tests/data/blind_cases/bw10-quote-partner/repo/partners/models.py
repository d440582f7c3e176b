from django.db import models


class Partner(models.Model):
    """An insurer we place business with, reached over its quoting API."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=120)
    base_url = models.URLField(help_text="Root of the partner's quoting API, e.g. https://api.insurer.example/v2/")
    api_key = models.CharField(max_length=200, blank=True)
    product_lines = models.JSONField(default=list, blank=True, help_text='e.g. ["motor", "home"]')
    timeout_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    last_catalogue_sync = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def writes(self, product_line):
        return product_line in (self.product_lines or [])


class PartnerProduct(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="products")
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    product_line = models.CharField(max_length=20)
    is_available = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "code"], name="uniq_partner_product")]
        ordering = ["partner", "code"]

    def __str__(self):
        return f"{self.partner.code}:{self.code}"
