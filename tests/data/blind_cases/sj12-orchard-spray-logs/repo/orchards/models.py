from django.db import models


class Farm(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    grower = models.CharField(max_length=120)
    regulator_site_id = models.CharField("Ministry site ID", max_length=20, unique=True)
    contact_email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Block(models.Model):
    class Crop(models.TextChoices):
        APPLE = "apple", "Apple"
        PEAR = "pear", "Pear"
        CHERRY = "cherry", "Cherry"
        PEACH = "peach", "Peach"
        APRICOT = "apricot", "Apricot"

    farm = models.ForeignKey(Farm, related_name="blocks", on_delete=models.CASCADE)
    name = models.CharField(max_length=60)
    crop = models.CharField(max_length=12, choices=Crop.choices)
    variety = models.CharField(max_length=60, blank=True)
    area_ha = models.DecimalField(max_digits=6, decimal_places=2)
    expected_harvest = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["farm__code", "name"]
        constraints = [models.UniqueConstraint(fields=["farm", "name"], name="unique_block_name_per_farm")]

    def __str__(self):
        return f"{self.farm.code}/{self.name}"
