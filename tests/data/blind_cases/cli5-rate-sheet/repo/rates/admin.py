from django.contrib import admin

from .models import NightlyRate, RateChange, RateImportBatch, RateSheetUpload
from .tasks import import_uploaded_sheet


@admin.register(NightlyRate)
class NightlyRateAdmin(admin.ModelAdmin):
    list_display = ("room_type", "night", "amount", "min_stay", "closed", "updated_at", "pushed_at")
    list_filter = ("room_type__property", "closed")
    date_hierarchy = "night"


class RateChangeInline(admin.TabularInline):
    model = RateChange
    extra = 0
    raw_id_fields = ("rate",)


@admin.register(RateImportBatch)
class RateImportBatchAdmin(admin.ModelAdmin):
    list_display = ("pk", "property", "source", "status", "started_at", "rows", "created", "changed")
    list_filter = ("property", "status")
    inlines = [RateChangeInline]


@admin.register(RateSheetUpload)
class RateSheetUploadAdmin(admin.ModelAdmin):
    list_display = ("file_name", "property", "uploaded_by", "uploaded_at", "status")
    readonly_fields = ("status", "error", "batch", "processed_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user.get_username()
        super().save_model(request, obj, form, change)
        if not change:
            import_uploaded_sheet.delay(obj.pk)
