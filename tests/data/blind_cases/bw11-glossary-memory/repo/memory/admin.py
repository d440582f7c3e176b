from django.contrib import admin

from .models import Document, DocumentSegment, TranslationUnit


@admin.register(TranslationUnit)
class TranslationUnitAdmin(admin.ModelAdmin):
    list_display = ("client", "source_language", "target_language", "source_text", "last_used_at")
    list_filter = ("client", "source_language", "target_language")
    search_fields = ("source_text", "target_text")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("name", "client", "status", "words_total", "words_exact", "words_fuzzy", "words_new")
    list_filter = ("status", "client")


@admin.register(DocumentSegment)
class DocumentSegmentAdmin(admin.ModelAdmin):
    list_display = ("document", "position", "match", "match_score", "confirmed")
    list_filter = ("match", "confirmed")
