from django.contrib import admin

from .models import Tenancy, Tenant


class TenancyInline(admin.TabularInline):
    model = Tenancy
    extra = 0
    fields = ["season", "plot", "annual_fee", "renews", "fee_paid_on", "source"]
    readonly_fields = ["source"]


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["member_no", "last_name", "first_name", "email", "phone", "joined_on"]
    search_fields = ["member_no", "last_name", "first_name", "email"]
    inlines = [TenancyInline]


@admin.register(Tenancy)
class TenancyAdmin(admin.ModelAdmin):
    list_display = ["season", "plot", "tenant", "annual_fee", "renews", "fee_paid_on", "source"]
    list_filter = ["season", "plot__site", "renews", "source"]
    search_fields = ["plot__number", "tenant__last_name", "tenant__member_no"]
    autocomplete_fields = ["tenant"]
    list_select_related = ["plot", "tenant"]
