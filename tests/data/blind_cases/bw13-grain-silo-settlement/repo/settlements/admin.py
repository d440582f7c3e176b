from django.contrib import admin, messages

from .models import Deduction, Settlement, Statement
from .services import SettlementError, approve_settlement, queue_statement


class DeductionInline(admin.TabularInline):
    model = Deduction
    extra = 0


@admin.action(description="Approve and send statements")
def approve_and_send(modeladmin, request, queryset):
    done = 0
    for settlement in queryset.filter(status=Settlement.Status.DRAFT).select_related("farmer", "crop"):
        try:
            approve_settlement(settlement, approved_by=request.user.get_username())
        except Exception as exc:  # keep going with the rest of the batch
            modeladmin.message_user(request, f"{settlement.number}: statement not sent ({exc})", messages.ERROR)
        else:
            done += 1
    modeladmin.message_user(request, f"{done} settlement(s) approved, statements queued")


@admin.action(description="Send statement again")
def resend_statement(modeladmin, request, queryset):
    for settlement in queryset.filter(status=Settlement.Status.APPROVED, statement__isnull=True):
        try:
            queue_statement(settlement)
        except SettlementError as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ("number", "farmer", "crop", "period_start", "clean_tonnes", "net_payable", "status")
    list_filter = ("status", "crop", "period_start")
    search_fields = ("number", "farmer__name", "farmer__member_no")
    readonly_fields = ("approved_at", "approved_by")
    filter_horizontal = ("deliveries",)
    inlines = [DeductionInline]
    actions = [approve_and_send, resend_statement]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("settlement", "emailed_to", "net_payable", "created_at")
    readonly_fields = ("settlement", "emailed_to", "deductions_total", "net_payable", "body", "created_at")
