from django.db import models


class Grower(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    abn = models.CharField("ABN", max_length=14, blank=True)
    estate = models.BooleanField(default=False, help_text="our own vineyards")

    def __str__(self):
        return self.name


class Variety(models.Model):
    name = models.CharField(max_length=60, unique=True)
    colour = models.CharField(max_length=5, choices=[("red", "red"), ("white", "white")])

    class Meta:
        verbose_name_plural = "varieties"

    def __str__(self):
        return self.name


class Block(models.Model):
    grower = models.ForeignKey(Grower, on_delete=models.PROTECT, related_name="blocks")
    code = models.CharField(max_length=12)
    variety = models.ForeignKey(Variety, on_delete=models.PROTECT, related_name="blocks")
    hectares = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        unique_together = [("grower", "code")]

    def __str__(self):
        return f"{self.grower.code}/{self.code}"


class SprayRecord(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="sprays")
    applied_at = models.DateTimeField()
    product = models.CharField(max_length=80)
    rate_per_ha = models.DecimalField(max_digits=7, decimal_places=2)
    unit = models.CharField(max_length=8, default="L")
    withholding_days = models.PositiveIntegerField(default=0)
    operator = models.CharField(max_length=80)

    class Meta:
        ordering = ["applied_at"]
