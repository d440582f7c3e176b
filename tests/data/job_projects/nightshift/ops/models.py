from django.db import models


class JobState(models.Model):
    """One row per job that must not overlap with itself."""

    name = models.CharField(max_length=50, unique=True)
    locked = models.BooleanField(default=False)


class Sku(models.Model):
    code = models.CharField(max_length=30, unique=True)
    active = models.BooleanField(default=True)
    stock = models.IntegerField(default=0)
    price_cents = models.IntegerField(default=0)


class Order(models.Model):
    number = models.CharField(max_length=20, unique=True)
    total_cents = models.IntegerField()
    period = models.CharField(max_length=7)  # "2024-05"
    closed = models.BooleanField(default=False)


class Reminder(models.Model):
    """An appointment reminder texted 24 hours ahead."""

    phone = models.CharField(max_length=20)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)


class Payout(models.Model):
    vendor = models.CharField(max_length=50)
    amount_cents = models.IntegerField()
    approved = models.BooleanField(default=False)
    paid_out = models.BooleanField(default=False)


class Statement(models.Model):
    """A vendor's monthly statement of a payout."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE)
    period = models.CharField(max_length=7)
    total_cents = models.IntegerField()


class StockSnapshot(models.Model):
    sku = models.ForeignKey(Sku, on_delete=models.CASCADE)
    day = models.DateField()
    stock = models.IntegerField()


class SkuTag(models.Model):
    """A tag of a SKU, as the supplier's catalogue lists it."""

    sku = models.ForeignKey(Sku, on_delete=models.CASCADE)
    tag = models.CharField(max_length=30)
    source = models.CharField(max_length=20, default="catalogue")

    class Meta:
        unique_together = [("sku", "tag")]


class PriceList(models.Model):
    """The prices published to the storefront on one day."""

    name = models.CharField(max_length=50)


class PriceListEntry(models.Model):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE)
    sku = models.ForeignKey(Sku, on_delete=models.CASCADE)
    price_cents = models.IntegerField()

    class Meta:
        unique_together = [("price_list", "sku")]
