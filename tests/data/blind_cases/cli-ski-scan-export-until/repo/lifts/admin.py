from django.contrib import admin

from .models import Lift, LiftScan, PassProduct, SkiPass

admin.site.register([Lift, PassProduct])


@admin.register(SkiPass)
class SkiPassAdmin(admin.ModelAdmin):
    list_display = ("number", "product", "holder_name", "valid_from", "valid_to", "blocked")
    search_fields = ("number", "holder_name")


@admin.register(LiftScan)
class LiftScanAdmin(admin.ModelAdmin):
    list_display = ("scanned_at", "lift", "gate", "ski_pass", "accepted")
    list_filter = ("lift", "accepted")
    date_hierarchy = "scanned_at"
