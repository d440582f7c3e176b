from django.contrib import admin

from .models import Branch, Title


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "is_active")
    list_filter = ("region", "is_active")


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ("isbn", "title", "author", "genre", "audience")
    list_filter = ("genre", "audience")
    search_fields = ("isbn", "title", "author")
