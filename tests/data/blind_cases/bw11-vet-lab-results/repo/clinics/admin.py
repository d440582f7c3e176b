from django.contrib import admin

from .models import Clinic, Owner, Pet, Veterinarian

admin.site.register(Clinic)
admin.site.register(Veterinarian)


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "email", "mobile", "preferred_contact")
    search_fields = ("last_name", "email", "mobile")


@admin.register(Pet)
class PetAdmin(admin.ModelAdmin):
    list_display = ("name", "species", "owner", "clinic", "pims_id")
    search_fields = ("name", "pims_id", "owner__last_name")
    list_filter = ("clinic", "species")
