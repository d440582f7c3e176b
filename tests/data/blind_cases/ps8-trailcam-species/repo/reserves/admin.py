from django.contrib import admin

from .models import Camera, Reserve, Species


@admin.register(Reserve)
class ReserveAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "ranger_email")


@admin.register(Camera)
class CameraAdmin(admin.ModelAdmin):
    list_display = ("code", "reserve", "installed_on", "active")
    list_filter = ("active", "reserve")


@admin.register(Species)
class SpeciesAdmin(admin.ModelAdmin):
    list_display = ("common_name", "scientific_name", "label_code", "min_confidence", "protected", "invasive", "active")
    list_filter = ("protected", "invasive", "active")
    search_fields = ("common_name", "scientific_name", "label_code")
