from django.contrib import admin

from .models import Agent, Listing, ListingPhoto, Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "phone")


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("license_number", "full_name", "office", "active")
    list_filter = ("office", "active")
    search_fields = ("license_number", "last_name", "email")


class ListingPhotoInline(admin.TabularInline):
    model = ListingPhoto
    extra = 0


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("mls_number", "street", "city", "price", "status", "syndicate", "updated_at")
    list_filter = ("status", "property_type", "syndicate", "agent__office")
    search_fields = ("mls_number", "street", "postal_code")
    inlines = [ListingPhotoInline]
