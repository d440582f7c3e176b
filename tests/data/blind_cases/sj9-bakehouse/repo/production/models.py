from django.db import models
from django.db.models import Q

from accounts.models import Customer, Route


class Product(models.Model):
    class Unit(models.TextChoices):
        LOAF = "loaf", "loaf"
        PIECE = "piece", "piece"
        DOZEN = "dozen", "dozen"
        TRAY = "tray", "tray"

    class Category(models.TextChoices):
        BREAD = "bread", "Bread"
        VIENNOISERIE = "viennoiserie", "Viennoiserie"
        CAKE = "cake", "Cakes & bakes"

    sku = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.BREAD)
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.LOAF)
    batch_size = models.PositiveIntegerField(default=1, help_text="units per mix / per oven load")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "sku"]

    def __str__(self):
        return f"{self.sku} {self.name}"


class StandingOrder(models.Model):
    """What a customer takes every week on a given weekday, until told otherwise."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="standing_orders")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="standing_orders")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    quantity = models.PositiveIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["customer__code", "weekday", "product__sku"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "product", "weekday"], name="one_standing_line_per_day"),
        ]

    def __str__(self):
        return f"{self.customer.code} {self.get_weekday_display()} {self.quantity} x {self.product.sku}"

    @classmethod
    def active_on(cls, day):
        return cls.objects.filter(weekday=day.weekday(), starts_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class OneOffOrder(models.Model):
    """Extra bread for one day (a function, a busy bank holiday...)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="one_off_orders")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="one_off_orders")
    delivery_day = models.DateField()
    quantity = models.PositiveIntegerField()
    note = models.CharField(max_length=200, blank=True)
    cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["delivery_day", "customer__code"]

    def __str__(self):
        return f"{self.customer.code} {self.delivery_day} {self.quantity} x {self.product.sku}"


class BakeryHoliday(models.Model):
    """Days the bakery itself is shut (Christmas, Boxing Day, ...): no sheet, no round."""

    day = models.DateField(unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day} {self.name}"


class ProductionSheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        LOCKED = "locked", "locked (round has left)"

    day = models.DateField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    built_at = models.DateTimeField()
    locked_at = models.DateTimeField(null=True, blank=True)
    skipped_closed = models.PositiveIntegerField(default=0)
    skipped_paused = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"sheet {self.day} ({self.status})"

    @property
    def total_units(self):
        return sum(line.quantity for line in self.lines.all())


class SheetLine(models.Model):
    sheet = models.ForeignKey(ProductionSheet, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    batches = models.PositiveIntegerField()

    class Meta:
        ordering = ["product__category", "product__sku"]
        constraints = [models.UniqueConstraint(fields=["sheet", "product"], name="one_line_per_product")]


class Drop(models.Model):
    """What one customer gets on the sheet's day; ``items`` maps sku -> quantity."""

    sheet = models.ForeignKey(ProductionSheet, on_delete=models.CASCADE, related_name="drops")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="drops")
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="drops")
    stop_order = models.PositiveIntegerField(default=0)
    items = models.JSONField(default=dict)

    class Meta:
        ordering = ["route__code", "stop_order", "customer__code"]
        constraints = [models.UniqueConstraint(fields=["sheet", "customer"], name="one_drop_per_customer")]
