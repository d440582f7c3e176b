from django.contrib import admin

from .models import Company, Desk, Location, Member


class DeskInline(admin.TabularInline):
    model = Desk
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "opens_at", "closes_at", "is_active")
    inlines = [DeskInline]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "seats", "hourly_rate", "is_active")
    list_filter = ("location", "kind", "is_active")


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ("name", "email", "home_location", "joined_on", "is_active")


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "billing_email", "payment_terms_days", "is_active")
    search_fields = ("name", "slug", "vat_number")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "company", "home_location", "is_active")
    list_filter = ("home_location", "is_active")
    search_fields = ("name", "email", "company__name")
