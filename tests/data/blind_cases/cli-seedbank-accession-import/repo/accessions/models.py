from django.db import models


class Species(models.Model):
    genus = models.CharField(max_length=60)
    epithet = models.CharField(max_length=60)
    family = models.CharField(max_length=60, blank=True)

    class Meta:
        unique_together = [("genus", "epithet")]
        verbose_name_plural = "species"

    def __str__(self):
        return f"{self.genus} {self.epithet}"


class Collector(models.Model):
    name = models.CharField(max_length=80, unique=True)
    email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Accession(models.Model):
    number = models.CharField(max_length=20, unique=True)
    species = models.ForeignKey(Species, on_delete=models.PROTECT, related_name="accessions")
    collector = models.ForeignKey(Collector, on_delete=models.PROTECT, related_name="accessions")
    field_number = models.CharField(max_length=30)
    collected_on = models.DateField()
    site = models.CharField(max_length=120)
    grid_ref = models.CharField(max_length=20, blank=True)
    altitude_m = models.PositiveIntegerField(null=True, blank=True)
    estimated_seeds = models.PositiveIntegerField()
    received_at = models.DateTimeField(auto_now_add=True)
    source_file = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.number


class SeedLot(models.Model):
    class Collection(models.TextChoices):
        BASE = "base", "Base collection (long-term)"
        ACTIVE = "active", "Active collection (distribution)"

    accession = models.ForeignKey(Accession, on_delete=models.CASCADE, related_name="lots")
    collection = models.CharField(max_length=10, choices=Collection.choices, default=Collection.BASE)
    seed_count = models.PositiveIntegerField()
    vault_position = models.CharField(max_length=20, blank=True)
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.accession.number}/{self.collection}"


class Withdrawal(models.Model):
    lot = models.ForeignKey(SeedLot, on_delete=models.PROTECT, related_name="withdrawals")
    seeds = models.PositiveIntegerField()
    purpose = models.CharField(max_length=120)
    withdrawn_at = models.DateTimeField(auto_now_add=True)
