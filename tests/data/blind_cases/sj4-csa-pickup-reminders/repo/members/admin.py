from django.contrib import admin

from .models import Member, Share


class ShareInline(admin.TabularInline):
    model = Share
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "contact_by", "active")
    search_fields = ("last_name", "first_name", "email", "phone")
    inlines = [ShareInline]
