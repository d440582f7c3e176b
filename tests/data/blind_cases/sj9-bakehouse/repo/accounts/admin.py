from django.contrib import admin

from .models import Closure, Customer, Route


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0
    fields = ("first_day", "last_day", "reason")


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "driver_name", "departs_at")


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "route", "stop_order", "is_paused")
    list_filter = ("route", "is_paused")
    search_fields = ("code", "name")
    inlines = [ClosureInline]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("customer", "first_day", "last_day", "reason", "updated_at")
    list_filter = ("customer__route",)
    date_hierarchy = "first_day"
