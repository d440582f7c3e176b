from django.contrib import admin

from .models import Client, Glossary, Term


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active")


@admin.register(Glossary)
class GlossaryAdmin(admin.ModelAdmin):
    list_display = ("name", "client", "source_language", "target_language", "is_active")
    list_filter = ("client", "is_active")
    inlines = [TermInline]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("source_term", "target_term", "glossary", "forbidden", "updated_at")
    search_fields = ("source_term", "target_term")
