from django.contrib import admin

from .models import Film, Reel


class ReelInline(admin.TabularInline):
    model = Reel
    extra = 0


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ("accession_no", "title", "year")
    search_fields = ("accession_no", "title")
    inlines = [ReelInline]
    using = "collections"
