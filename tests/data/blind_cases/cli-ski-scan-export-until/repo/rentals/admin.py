from django.contrib import admin

from .models import RentalContract


@admin.register(RentalContract)
class RentalContractAdmin(admin.ModelAdmin):
    list_display = ("number", "customer_name", "started_at", "returned_at", "status", "amount_chf")
    list_filter = ("status",)
