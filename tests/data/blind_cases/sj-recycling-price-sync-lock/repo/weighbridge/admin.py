from django.contrib import admin

from .models import Customer, DailyTonnage, Ticket

admin.site.register([Customer, DailyTonnage])


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("number", "customer", "material", "gross_kg", "tare_kg", "price_per_kg", "status", "opened_at")
    list_filter = ("status", "material")
