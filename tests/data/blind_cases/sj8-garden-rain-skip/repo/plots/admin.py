from django.contrib import admin

from .models import Bed, Gardener, HarvestLog


@admin.register(Gardener)
class GardenerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "active", "joined_on")
    list_filter = ("active",)
    search_fields = ("name", "email")


@admin.register(Bed)
class BedAdmin(admin.ModelAdmin):
    list_display = ("code", "holder", "shared", "needs_water")
    list_filter = ("shared", "needs_water")


@admin.register(HarvestLog)
class HarvestLogAdmin(admin.ModelAdmin):
    list_display = ("crop", "bed", "gardener", "weight_kg", "logged_at", "donated")
    date_hierarchy = "logged_at"
