from django.contrib import admin

from .models import Deferral, Donor, Site

admin.site.register(Site)
admin.site.register(Deferral)


@admin.register(Donor)
class DonorAdmin(admin.ModelAdmin):
    list_display = ("code", "last_name", "first_name", "abo", "rh", "active")
    search_fields = ("code", "last_name")
