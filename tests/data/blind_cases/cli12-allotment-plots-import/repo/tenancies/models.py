from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class Tenant(models.Model):
    """A member of the association who rents (or rented) a plot."""

    member_no = models.PositiveIntegerField(unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    joined_on = models.DateField(default=timezone.localdate)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name} (#{self.member_no})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class Tenancy(models.Model):
    """One tenant renting one plot for one season (calendar year)."""

    class Source(models.TextChoices):
        IMPORT = "import", "Spreadsheet import"
        ROLLOVER = "rollover", "Season roll-over"
        MANUAL = "manual", "Entered in admin"

    plot = models.ForeignKey("plots.Plot", related_name="tenancies", on_delete=models.PROTECT)
    tenant = models.ForeignKey(Tenant, related_name="tenancies", on_delete=models.PROTECT)
    season = models.PositiveSmallIntegerField(db_index=True)
    annual_fee = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    renews = models.BooleanField(default=False, help_text="Tenant confirmed they keep the plot next season")
    fee_paid_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["season", "plot__number"]
        verbose_name_plural = "tenancies"
        constraints = [
            models.UniqueConstraint(fields=["plot", "season"], name="one_tenancy_per_plot_and_season"),
        ]

    def __str__(self):
        return f"{self.plot} {self.season}: {self.tenant}"

    @property
    def is_concession(self):
        return self.annual_fee < self.plot.standard_fee

    def clean(self):
        super().clean()
        if self.annual_fee is None or self.plot_id is None:
            return
        if self.annual_fee < self.plot.minimum_fee:
            raise ValidationError({"annual_fee": (
                f"Fee {self.annual_fee} is below the concession minimum {self.plot.minimum_fee} for plot {self.plot}."
            )})
        if self.annual_fee > self.plot.standard_fee * 2:
            raise ValidationError({"annual_fee": (
                f"Fee {self.annual_fee} is more than twice the standard fee {self.plot.standard_fee} "
                f"for plot {self.plot}; check the spreadsheet."
            )})
