from django.db import models


class Studio(models.Model):
    name = models.CharField(max_length=100)
    city = models.CharField(max_length=80)


class FitnessClass(models.Model):
    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="classes")
    title = models.CharField(max_length=120)
    starts_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField(default=12)
    reminded = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.title} @ {self.studio.name}"


class Member(models.Model):
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed"
        WAITLIST = "waitlist"
        CANCELLED = "cancelled"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="bookings")
    fitness_class = models.ForeignKey(FitnessClass, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("member", "fitness_class")]
