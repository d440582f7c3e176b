from decimal import Decimal

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

ZERO = Decimal("0.00")


class InsufficientFunds(Exception):
    pass


class ShareClass(models.Model):
    """What a member has to pay in as share capital, e.g. housing members 1,000.00, food members 100.00."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=80)
    required_amount = models.DecimalField(max_digits=10, decimal_places=2)
    allows_installments = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "share classes"

    def __str__(self):
        return f"{self.name} ({self.required_amount})"


class Member(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant"
        ACTIVE = "active"
        LEAVING = "leaving"
        LEFT = "left"

    member_number = models.PositiveIntegerField(unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    iban = models.CharField("IBAN", max_length=34, blank=True)
    share_class = models.ForeignKey(ShareClass, related_name="members", on_delete=models.PROTECT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLICANT)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["member_number"]

    def __str__(self):
        return f"{self.member_number:05d} {self.first_name} {self.last_name}"

    @property
    def share_reference(self):
        return f"SHARE-{self.member_number:05d}"

    @property
    def shopping_reference(self):
        return f"SHOP-{self.member_number:05d}"

    @property
    def has_voting_rights(self):
        """Only active members with fully paid-up shares vote at the general meeting."""
        if self.status != self.Status.ACTIVE:
            return False
        account = ShareAccount.objects.filter(member=self).first()
        return bool(account and account.is_fully_paid)


class ShareAccount(models.Model):
    """The member's paid-up share capital. Every change is also written to the ShareTransaction ledger."""

    member = models.OneToOneField(Member, related_name="share_account", on_delete=models.CASCADE)
    balance = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    last_payment_on = models.DateField(null=True, blank=True)
    fully_paid_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"shares of {self.member}: {self.balance}"

    @property
    def required_amount(self):
        return self.member.share_class.required_amount

    @property
    def outstanding(self):
        return max(self.required_amount - self.balance, ZERO)

    @property
    def is_fully_paid(self):
        return self.fully_paid_on is not None

    def credit(self, amount, *, kind=None, reference="", note=""):
        """Add a payment (or installment) to the member's share capital.

        Marks the shares as fully paid once the balance reaches the amount required by the
        member's share class. Returns the ledger entry.
        """
        amount = Decimal(amount)
        if amount <= ZERO:
            raise ValueError(f"share credit must be positive, got {amount}")
        today = timezone.localdate()
        self.balance += amount
        self.last_payment_on = today
        if self.fully_paid_on is None and self.balance >= self.required_amount:
            self.fully_paid_on = today
        self.save(update_fields=["balance", "last_payment_on", "fully_paid_on", "updated_at"])
        return ShareTransaction.objects.create(
            account=self,
            kind=kind or ShareTransaction.Kind.PAYMENT,
            amount=amount,
            balance_after=self.balance,
            reference=reference,
            note=note,
        )

    def redeem(self, amount, *, note=""):
        """Pay share capital back to a leaving member (board decision)."""
        amount = Decimal(amount)
        if amount <= ZERO:
            raise ValueError(f"redemption must be positive, got {amount}")
        with transaction.atomic():
            locked = ShareAccount.objects.select_for_update().select_related("member__share_class").get(pk=self.pk)
            if amount > locked.balance:
                raise InsufficientFunds(f"only {locked.balance} paid up, cannot redeem {amount}")
            locked.balance -= amount
            if locked.balance < locked.required_amount:
                locked.fully_paid_on = None
            locked.save(update_fields=["balance", "fully_paid_on", "updated_at"])
            entry = ShareTransaction.objects.create(
                account=locked,
                kind=ShareTransaction.Kind.REDEMPTION,
                amount=-amount,
                balance_after=locked.balance,
                note=note,
            )
        self.balance = locked.balance
        self.fully_paid_on = locked.fully_paid_on
        return entry


class ShareTransaction(models.Model):
    class Kind(models.TextChoices):
        PAYMENT = "payment"
        TRANSFER_IN = "transfer_in", "transfer from another member"
        REDEMPTION = "redemption"
        CORRECTION = "correction"

    account = models.ForeignKey(ShareAccount, related_name="entries", on_delete=models.PROTECT)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    balance_after = models.DecimalField(max_digits=12, decimal_places=2)
    reference = models.CharField(max_length=64, blank=True, help_text="bank transaction id, if any")
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.amount} on {self.account_id}"


class ShoppingCredit(models.Model):
    """Pre-paid credit for the food co-op shop. Topped up by bank transfer, spent at the till."""

    member = models.OneToOneField(Member, related_name="shopping_credit", on_delete=models.CASCADE)
    balance = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    last_top_up_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"shopping credit of {self.member}: {self.balance}"

    def top_up(self, amount):
        amount = Decimal(amount)
        if amount <= ZERO:
            raise ValueError(f"top-up must be positive, got {amount}")
        ShoppingCredit.objects.filter(pk=self.pk).update(
            balance=F("balance") + amount, last_top_up_at=timezone.now()
        )
        self.refresh_from_db(fields=["balance", "last_top_up_at"])
        return self.balance

    def spend(self, amount):
        """Charge a purchase at the till; refuses to go below zero."""
        amount = Decimal(amount)
        updated = ShoppingCredit.objects.filter(pk=self.pk, balance__gte=amount).update(
            balance=F("balance") - amount
        )
        if not updated:
            raise InsufficientFunds(f"shopping credit too low for {amount}")
        self.refresh_from_db(fields=["balance"])
        return self.balance
