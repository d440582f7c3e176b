from django.contrib import admin

from .models import Applicator, Product, SprayRecord, Submission


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "registration_no", "active_ingredient", "rei_hours", "phi_days", "registered")
    list_filter = ("registered",)
    search_fields = ("name", "registration_no", "active_ingredient")


admin.site.register(Applicator)


@admin.register(SprayRecord)
class SprayRecordAdmin(admin.ModelAdmin):
    list_display = ("applied_at", "block", "product", "applicator", "rate_per_ha", "area_ha")
    list_filter = ("block__farm", "product")
    date_hierarchy = "applied_at"


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("week_start", "farm", "status", "attempts", "record_count", "receipt_no", "last_attempt_at")
    list_filter = ("status", "farm")
    readonly_fields = ("archive_sha256", "receipt_no", "error", "attempts", "last_attempt_at", "submitted_at")
