from django.contrib import admin

from .models import Clinic, Closure, OpeningHours


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "timezone", "slot_minutes", "vaccinators", "active")
    list_filter = ("timezone", "active")
    inlines = [OpeningHoursInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("clinic", "date", "reason")
    list_filter = ("clinic",)
    date_hierarchy = "date"
