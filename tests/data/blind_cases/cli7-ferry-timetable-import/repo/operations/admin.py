from django.contrib import admin

from .models import Disruption, PassengerCount


@admin.register(Disruption)
class DisruptionAdmin(admin.ModelAdmin):
    list_display = ["day", "port", "reason", "sailings_cancelled", "created_at"]


@admin.register(PassengerCount)
class PassengerCountAdmin(admin.ModelAdmin):
    list_display = ["sailing", "passengers", "cars", "departed_at"]
