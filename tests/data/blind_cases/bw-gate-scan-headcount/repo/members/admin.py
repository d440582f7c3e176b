from django.contrib import admin

from .models import Member


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "tier", "valid_until", "visit_count", "last_visit_at"]
    search_fields = ["number", "name", "email"]
