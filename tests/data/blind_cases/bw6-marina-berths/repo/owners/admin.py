from django.contrib import admin

from .models import Boat, Owner


class BoatInline(admin.TabularInline):
    model = Boat
    extra = 0


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "phone")
    search_fields = ("name", "email")
    inlines = [BoatInline]


@admin.register(Boat)
class BoatAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "kind", "length_m", "insurance_valid_until", "registration_valid_until")
    list_filter = ("kind", "needs_shore_power")
    search_fields = ("name", "owner__name")
