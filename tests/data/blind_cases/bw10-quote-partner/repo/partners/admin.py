from django.contrib import admin

from .models import Partner, PartnerProduct


class PartnerProductInline(admin.TabularInline):
    model = PartnerProduct
    extra = 0
    readonly_fields = ["updated_at"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active", "last_catalogue_sync"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    inlines = [PartnerProductInline]
