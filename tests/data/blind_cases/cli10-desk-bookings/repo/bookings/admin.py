from django.contrib import admin

from .models import Booking, BookingAdjustment, Invoice, InvoiceLine


class AdjustmentInline(admin.TabularInline):
    model = BookingAdjustment
    extra = 0
    fields = ("kind", "percent", "status", "reason", "requested_at", "decided_at", "decided_by")
    readonly_fields = ("decided_at",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "start", "end", "status", "checked_in_at")
    list_filter = ("status", "desk__location", "desk__kind")
    search_fields = ("member__name", "member__email", "member__company__name")
    date_hierarchy = "start"
    inlines = [AdjustmentInline]


@admin.register(BookingAdjustment)
class BookingAdjustmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "percent", "status", "requested_at", "decided_by")
    list_filter = ("status", "kind")
    actions = ["approve", "reject"]

    @admin.action(description="Approve selected requests")
    def approve(self, request, queryset):
        for adj in queryset.requested():
            adj.decide(True, by=request.user.get_username())

    @admin.action(description="Reject selected requests")
    def reject(self, request, queryset):
        for adj in queryset.requested():
            adj.decide(False, by=request.user.get_username())


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    readonly_fields = ("booking", "description", "hours", "unit_price", "discount_percent", "amount")


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "company", "period_start", "status", "total", "due_on")
    list_filter = ("status", "period_start")
    search_fields = ("number", "company__name")
    inlines = [InvoiceLineInline]
