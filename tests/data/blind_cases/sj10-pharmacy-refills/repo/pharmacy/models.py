from django.db import models


class Store(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=20)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.code} {self.name}"


class Patient(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="patients")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField(null=True, blank=True)
    mobile = models.CharField(max_length=20, blank=True)
    sms_opt_in = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Prescription(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ON_HOLD = "on_hold", "On hold"
        TRANSFERRED = "transferred", "Transferred out"
        EXPIRED = "expired", "Expired"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="prescriptions")
    rx_number = models.CharField(max_length=20, unique=True)
    drug_name = models.CharField(max_length=200)
    days_supply = models.PositiveIntegerField(default=30)
    refills_remaining = models.PositiveIntegerField(default=0)
    last_filled_on = models.DateField(null=True, blank=True)
    refill_due_on = models.DateField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Rx {self.rx_number} ({self.drug_name})"


class Fill(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        READY = "ready", "Ready for pickup"
        PICKED_UP = "picked_up", "Picked up"
        RETURNED = "returned", "Returned to stock"

    prescription = models.ForeignKey(Prescription, on_delete=models.PROTECT, related_name="fills")
    filled_on = models.DateField()
    days_supply = models.PositiveIntegerField()
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    ready_at = models.DateTimeField(null=True, blank=True)
    pickup_sms_sent_at = models.DateTimeField(null=True, blank=True)
    picked_up_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-filled_on", "-id"]

    def __str__(self):
        return f"Fill of {self.prescription.rx_number} on {self.filled_on}"


class RefillReminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    prescription = models.ForeignKey(
        Prescription, on_delete=models.CASCADE, related_name="refill_reminders"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    message = models.ForeignKey(
        "messaging.OutboundMessage", null=True, blank=True, on_delete=models.SET_NULL
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["prescription", "due_on"])]

    def __str__(self):
        return f"Reminder for {self.prescription.rx_number} due {self.due_on} ({self.status})"


class DailyStoreStats(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="daily_stats")
    day = models.DateField()
    fills = models.PositiveIntegerField(default=0)
    reminders_sent = models.PositiveIntegerField(default=0)
    fills_returned = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "day"], name="uniq_store_stats_per_day"),
        ]
        verbose_name_plural = "daily store stats"

    def __str__(self):
        return f"{self.store.code} {self.day}"
