from django.contrib import admin

from .models import Member, ShareAccount, ShareClass, ShareTransaction, ShoppingCredit


class ShareTransactionInline(admin.TabularInline):
    model = ShareTransaction
    extra = 0
    readonly_fields = ("created_at", "kind", "amount", "balance_after", "reference", "note")
    can_delete = False


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("member_number", "last_name", "first_name", "share_class", "status")
    list_filter = ("status", "share_class")
    search_fields = ("member_number", "last_name", "email", "iban")


@admin.register(ShareAccount)
class ShareAccountAdmin(admin.ModelAdmin):
    list_display = ("member", "balance", "fully_paid_on", "last_payment_on")
    readonly_fields = ("balance", "fully_paid_on", "last_payment_on", "updated_at")
    inlines = [ShareTransactionInline]


admin.site.register(ShareClass)
admin.site.register(ShoppingCredit)
