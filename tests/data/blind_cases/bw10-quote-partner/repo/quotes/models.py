import uuid

from django.db import models


class QuoteRequest(models.Model):
    class ProductLine(models.TextChoices):
        MOTOR = "motor", "Motor"
        HOME = "home", "Home"

    class Status(models.TextChoices):
        COLLECTING = "collecting", "Collecting quotes"
        READY = "ready", "Quotes ready"
        BOUND = "bound", "Policy bound"
        EXPIRED = "expired", "Expired"

    reference = models.CharField(max_length=24, unique=True)
    product_line = models.CharField(max_length=20, choices=ProductLine.choices)
    customer_name = models.CharField(max_length=200)
    customer_email = models.EmailField()
    risk = models.JSONField(default=dict, help_text="the risk details as entered on the quote form")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.COLLECTING)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.reference


class PartnerQuote(models.Model):
    """One partner's answer to one quote request."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for partner"
        QUOTED = "quoted", "Quoted"
        DECLINED = "declined", "Declined"
        ERROR = "error", "Rejected by partner"
        UNAVAILABLE = "unavailable", "Partner unavailable"

    request = models.ForeignKey(QuoteRequest, on_delete=models.CASCADE, related_name="partner_quotes")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="quotes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    premium = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    partner_quote_id = models.CharField(max_length=64, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "partner"], name="uniq_partner_quote")]
        ordering = ["request", "premium"]

    def __str__(self):
        return f"{self.request.reference}/{self.partner.code}"


class Policy(models.Model):
    class Status(models.TextChoices):
        BINDING = "binding", "Binding"
        BOUND = "bound", "Bound"
        BIND_FAILED = "bind_failed", "Bind failed (manual review)"

    partner_quote = models.OneToOneField(PartnerQuote, on_delete=models.PROTECT, related_name="policy")
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BINDING)
    policy_number = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    bound_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "policies"

    def __str__(self):
        return self.policy_number or f"policy for {self.partner_quote}"
