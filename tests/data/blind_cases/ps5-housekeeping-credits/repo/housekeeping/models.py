from decimal import Decimal

from django.db import models
from django.utils import timezone


class CleaningKind(models.TextChoices):
    DEPARTURE = "departure", "Departure clean"
    STAYOVER = "stayover", "Stayover service"
    DEEP_CLEAN = "deep_clean", "Deep clean"


class Property(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    timezone = models.CharField(max_length=40, default="Europe/Lisbon")

    class Meta:
        verbose_name_plural = "properties"

    def __str__(self):
        return self.name


class RoomType(models.Model):
    """Credits and target times per kind of cleaning; set by the executive housekeeper of each property."""

    property = models.ForeignKey(Property, related_name="room_types", on_delete=models.CASCADE)
    code = models.CharField(max_length=12)
    name = models.CharField(max_length=80)
    departure_credits = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    stayover_credits = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.50"))
    deep_clean_credits = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("2.00"))
    departure_minutes = models.PositiveSmallIntegerField(default=30)
    stayover_minutes = models.PositiveSmallIntegerField(default=15)
    deep_clean_minutes = models.PositiveSmallIntegerField(default=75)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="room_type_code_per_property")]

    def __str__(self):
        return f"{self.property.code}/{self.code}"

    def credits_for(self, kind):
        return {
            CleaningKind.DEPARTURE: self.departure_credits,
            CleaningKind.STAYOVER: self.stayover_credits,
            CleaningKind.DEEP_CLEAN: self.deep_clean_credits,
        }[kind]

    def minutes_for(self, kind):
        return {
            CleaningKind.DEPARTURE: self.departure_minutes,
            CleaningKind.STAYOVER: self.stayover_minutes,
            CleaningKind.DEEP_CLEAN: self.deep_clean_minutes,
        }[kind]


class Room(models.Model):
    class Status(models.TextChoices):
        OCCUPIED = "occupied"
        VACANT_DIRTY = "vacant_dirty"
        VACANT_CLEAN = "vacant_clean"
        INSPECTED = "inspected"
        OUT_OF_ORDER = "out_of_order"

    property = models.ForeignKey(Property, related_name="rooms", on_delete=models.CASCADE)
    number = models.CharField(max_length=8)
    floor = models.SmallIntegerField()
    room_type = models.ForeignKey(RoomType, related_name="rooms", on_delete=models.PROTECT)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.VACANT_CLEAN)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["property", "number"], name="room_number_per_property")]
        ordering = ["property", "number"]

    def __str__(self):
        return f"{self.property.code} {self.number}"


class Attendant(models.Model):
    property = models.ForeignKey(Property, related_name="attendants", on_delete=models.CASCADE)
    badge_id = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.name} ({self.badge_id})"


class LinenPar(models.Model):
    """How many of each linen item a room of this type gets on a full change."""

    class Item(models.TextChoices):
        BATH_TOWEL = "bath_towel"
        HAND_TOWEL = "hand_towel"
        BATH_MAT = "bath_mat"
        SHEET_SET = "sheet_set"
        PILLOWCASE = "pillowcase"

    room_type = models.ForeignKey(RoomType, related_name="linen_par", on_delete=models.CASCADE)
    item = models.CharField(max_length=12, choices=Item.choices)
    quantity = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room_type", "item"], name="one_par_per_item")]


class CleaningTask(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        IN_PROGRESS = "in_progress"
        DONE = "done"
        SKIPPED = "skipped"  # guest declined service / do not disturb

    room = models.ForeignKey(Room, related_name="tasks", on_delete=models.CASCADE)
    attendant = models.ForeignKey(Attendant, related_name="tasks", null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=12, choices=CleaningKind.choices)
    business_date = models.DateField(db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    inspected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["business_date", "room__number"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.room} {self.business_date}"


class AttendantDay(models.Model):
    """Per-attendant daily totals, written back by the credits job for the supervisors' board."""

    attendant = models.ForeignKey(Attendant, related_name="days", on_delete=models.CASCADE)
    day = models.DateField()
    rooms_cleaned = models.PositiveIntegerField()
    credits = models.DecimalField(max_digits=6, decimal_places=2)
    minutes_worked = models.PositiveIntegerField()
    over_target = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attendant", "day"], name="one_summary_per_day")]
