from django.contrib import admin

from .models import DailyStoreStats, Fill, Patient, Prescription, RefillReminder, Store


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "phone", "is_active")


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "store", "mobile", "sms_opt_in")
    list_filter = ("store", "sms_opt_in")
    search_fields = ("last_name", "first_name", "mobile")


@admin.register(Prescription)
class PrescriptionAdmin(admin.ModelAdmin):
    list_display = ("rx_number", "patient", "drug_name", "refills_remaining", "refill_due_on", "status")
    list_filter = ("status",)
    search_fields = ("rx_number", "drug_name", "patient__last_name")


@admin.register(Fill)
class FillAdmin(admin.ModelAdmin):
    list_display = ("prescription", "filled_on", "status", "ready_at", "pickup_sms_sent_at")
    list_filter = ("status",)


@admin.register(RefillReminder)
class RefillReminderAdmin(admin.ModelAdmin):
    list_display = ("prescription", "due_on", "status", "created_at", "sent_at")
    list_filter = ("status",)
    raw_id_fields = ("prescription", "message")


@admin.register(DailyStoreStats)
class DailyStoreStatsAdmin(admin.ModelAdmin):
    list_display = ("store", "day", "fills", "reminders_sent", "fills_returned")
    list_filter = ("store",)
