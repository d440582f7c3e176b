from django.contrib import admin

from .models import Branch, Customer, Rental, RentalLine, Tool


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "branch", "category", "day_rate", "deposit", "stock", "active")
    list_filter = ("branch", "category", "active")
    search_fields = ("sku", "name")


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "account", "trade_discount_percent")
    list_filter = ("account",)
    search_fields = ("name", "email")


class RentalLineInline(admin.TabularInline):
    model = RentalLine
    extra = 0


@admin.register(Rental)
class RentalAdmin(admin.ModelAdmin):
    list_display = ("pk", "short_ref", "customer", "branch", "status", "pickup_at", "due_at", "returned_at")
    list_filter = ("status", "branch")
    search_fields = ("customer__name", "customer__email")
    inlines = [RentalLineInline]
