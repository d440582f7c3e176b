from django.db import models
from django.utils import timezone


class WindFarm(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    offshore = models.BooleanField(default=False)
    grid_operator = models.CharField(max_length=80, blank=True)

    def __str__(self):
        return self.code


class Turbine(models.Model):
    farm = models.ForeignKey(WindFarm, related_name="turbines", on_delete=models.CASCADE)
    turbine_id = models.CharField(max_length=24, unique=True, help_text="SCADA id, e.g. NSEA2-WTG07")
    model = models.CharField(max_length=60)
    rated_kw = models.PositiveIntegerField()
    commissioned_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["turbine_id"]

    def __str__(self):
        return self.turbine_id


class MaintenanceTicket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        IN_PROGRESS = "in_progress"
        CLOSED = "closed"

    turbine = models.ForeignKey(Turbine, related_name="tickets", on_delete=models.CASCADE)
    alarm_code = models.CharField(max_length=16)
    description = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    last_alarm_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["turbine", "alarm_code"], condition=models.Q(status="open"),
                                    name="one_open_ticket_per_alarm"),
        ]


class MonthlyTurbineKPI(models.Model):
    turbine = models.ForeignKey(Turbine, related_name="monthly_kpis", on_delete=models.CASCADE)
    month = models.DateField(help_text="first day of the month")
    intervals = models.PositiveIntegerField()
    energy_mwh = models.DecimalField(max_digits=12, decimal_places=3)
    availability_pct = models.DecimalField(max_digits=5, decimal_places=2)
    mean_wind_ms = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    capacity_factor = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["turbine", "month"], name="one_kpi_row_per_month")]


class AlarmDowntime(models.Model):
    farm = models.ForeignKey(WindFarm, related_name="alarm_downtime", on_delete=models.CASCADE)
    month = models.DateField()
    alarm_code = models.CharField(max_length=16)
    events = models.PositiveIntegerField()
    turbines = models.PositiveIntegerField()
    downtime_hours = models.DecimalField(max_digits=9, decimal_places=2)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["farm", "month", "rank"]
