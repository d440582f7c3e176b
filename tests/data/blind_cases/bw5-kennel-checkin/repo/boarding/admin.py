from django.contrib import admin

from .models import Owner, Pet, Run, Stay, StayExtra, Vaccination


class VaccinationInline(admin.TabularInline):
    model = Vaccination
    extra = 0


class StayExtraInline(admin.TabularInline):
    model = StayExtra
    extra = 0


@admin.register(Pet)
class PetAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "species", "breed", "temperament")
    search_fields = ("name", "owner__name", "owner__email")
    inlines = [VaccinationInline]


@admin.register(Stay)
class StayAdmin(admin.ModelAdmin):
    list_display = ("pet", "start_date", "end_date", "status", "run")
    list_filter = ("status", "run")
    date_hierarchy = "start_date"
    inlines = [StayExtraInline]


admin.site.register(Owner)
admin.site.register(Run)
