from django.db import models


class Office(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)

    def __str__(self):
        return self.name


class Agent(models.Model):
    office = models.ForeignKey(Office, related_name="agents", on_delete=models.PROTECT)
    license_number = models.CharField(max_length=20, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class Listing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        ACTIVE = "active"
        PENDING = "pending"
        SOLD = "sold"
        WITHDRAWN = "withdrawn"
        EXPIRED = "expired"

    class PropertyType(models.TextChoices):
        HOUSE = "house"
        CONDO = "condo"
        TOWNHOUSE = "townhouse"
        MULTI_FAMILY = "multi_family"
        LAND = "land"

    mls_number = models.CharField(max_length=20, unique=True)
    agent = models.ForeignKey(Agent, related_name="listings", on_delete=models.PROTECT)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    property_type = models.CharField(max_length=16, choices=PropertyType.choices, default=PropertyType.HOUSE)
    street = models.CharField(max_length=120)
    unit = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2)
    postal_code = models.CharField(max_length=10)
    price = models.DecimalField(max_digits=12, decimal_places=0)
    bedrooms = models.PositiveSmallIntegerField(default=0)
    bathrooms = models.DecimalField(max_digits=3, decimal_places=1, default=0)
    living_area_sqft = models.PositiveIntegerField(null=True, blank=True)
    lot_size_sqft = models.PositiveIntegerField(null=True, blank=True)
    year_built = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    listed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    syndicate = models.BooleanField(default=True, help_text="Send this listing to the portals")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mls_number"]

    def __str__(self):
        return f"{self.mls_number} {self.street}"

    @property
    def address_line(self):
        return f"{self.street} #{self.unit}" if self.unit else self.street


class ListingPhoto(models.Model):
    listing = models.ForeignKey(Listing, related_name="photos", on_delete=models.CASCADE)
    url = models.URLField(max_length=300)
    caption = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.url
