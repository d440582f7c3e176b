from django.db import models


class Member(models.Model):
    class Contact(models.TextChoices):
        SMS = "sms", "Text message"
        EMAIL = "email", "Email"

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    contact_by = models.CharField(max_length=5, choices=Contact.choices, default=Contact.EMAIL)
    reminders_opt_out = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    joined_on = models.DateField()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def address(self):
        """Where reminders go, according to the member's preferred channel."""
        return self.phone if self.contact_by == self.Contact.SMS else self.email


class Share(models.Model):
    class Kind(models.TextChoices):
        VEG = "veg", "Vegetables"
        FRUIT = "fruit", "Fruit"
        EGGS = "eggs", "Eggs"

    class Size(models.TextChoices):
        SMALL = "S", "Small"
        LARGE = "L", "Large"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="shares")
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.VEG)
    size = models.CharField(max_length=1, choices=Size.choices, default=Size.SMALL)
    site = models.ForeignKey("pickups.PickupSite", on_delete=models.PROTECT, related_name="shares")
    starts_on = models.DateField()
    ends_on = models.DateField()
    paused = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.member} – {self.get_size_display()} {self.get_kind_display()}"

    def runs_on(self, day):
        return not self.paused and self.starts_on <= day <= self.ends_on
