from django.contrib import admin

from .models import PriceSchedule, WeighTicket


@admin.register(WeighTicket)
class WeighTicketAdmin(admin.ModelAdmin):
    list_display = ("number", "block", "weighed_at", "gross_kg", "tare_kg", "grade", "void")
    list_filter = ("grade", "void")


admin.site.register(PriceSchedule)
