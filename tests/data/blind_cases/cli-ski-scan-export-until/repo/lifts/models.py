from django.db import models


class Lift(models.Model):
    class Kind(models.TextChoices):
        CHAIR = "chair", "Chairlift"
        GONDOLA = "gondola", "Gondola"
        DRAG = "drag", "Drag lift"
        CARPET = "carpet", "Magic carpet"

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sector = models.CharField(max_length=40)
    operator = models.CharField(max_length=80, help_text="company that owns the lift (revenue sharing)")

    def __str__(self):
        return self.code


class PassProduct(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=80)
    days = models.PositiveSmallIntegerField(null=True, blank=True, help_text="empty for season passes")
    price_chf = models.DecimalField(max_digits=7, decimal_places=2)

    def __str__(self):
        return self.code


class SkiPass(models.Model):
    number = models.CharField(max_length=24, unique=True, help_text="chip id printed on the card")
    product = models.ForeignKey(PassProduct, on_delete=models.PROTECT, related_name="passes")
    holder_name = models.CharField(max_length=120, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField()
    sold_at = models.DateTimeField()
    blocked = models.BooleanField(default=False)

    def __str__(self):
        return self.number


class LiftScan(models.Model):
    ski_pass = models.ForeignKey(SkiPass, on_delete=models.PROTECT, related_name="scans")
    lift = models.ForeignKey(Lift, on_delete=models.PROTECT, related_name="scans")
    gate = models.CharField(max_length=10)
    scanned_at = models.DateTimeField(db_index=True)
    accepted = models.BooleanField(default=True)

    class Meta:
        ordering = ["scanned_at"]
