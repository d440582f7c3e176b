from django.db import models


class Ward(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    pharmacist_email = models.EmailField(blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Drug(models.Model):
    code = models.CharField(max_length=20, unique=True, help_text="cabinet vendor item code")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, default="unit")
    controlled = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StockLevel(models.Model):
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="stock")
    drug = models.ForeignKey(Drug, on_delete=models.PROTECT, related_name="stock")
    quantity = models.IntegerField(default=0)
    par_level = models.IntegerField(default=0, help_text="alert when quantity drops below this")
    feed_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ward", "drug"], name="uniq_ward_drug")]

    @property
    def below_par(self):
        return self.par_level > 0 and self.quantity < self.par_level

    def __str__(self):
        return f"{self.ward.code}/{self.drug.code}: {self.quantity}"


class SyncRun(models.Model):
    class Status(models.TextChoices):
        OK = "ok", "OK"
        FAILED = "failed", "Failed"

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="sync_runs")
    finished_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    lines = models.IntegerField(default=0)
    skipped = models.IntegerField(default=0)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-finished_at"]


class DispensingEvent(models.Model):
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="dispensing_events")
    drug = models.ForeignKey(Drug, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    patient_ref = models.CharField(max_length=32)
    dispensed_at = models.DateTimeField()
    pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dispensed_at"]


class LowStockAlert(models.Model):
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE)
    drug = models.ForeignKey(Drug, on_delete=models.CASCADE)
    quantity = models.IntegerField()
    par_level = models.IntegerField()
    raised_at = models.DateTimeField(auto_now_add=True)
    emailed = models.BooleanField(default=False)
