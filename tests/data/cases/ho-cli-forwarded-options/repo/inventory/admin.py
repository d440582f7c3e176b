from django.contrib import admin

from .models import Reservation, StockLevel

admin.site.register(StockLevel)


@admin.register(Reservation)
class ReservationAdmin(admin.ModelAdmin):
    list_display = ("order_ref", "warehouse", "product", "quantity", "created_at", "released_at", "release_reason")
