from django.contrib import admin

from .models import LetterBatch, Recall


@admin.register(Recall)
class RecallAdmin(admin.ModelAdmin):
    list_display = ("patient", "kind", "due_on", "letter_batch", "booked")
    list_filter = ("kind", "booked")


@admin.register(LetterBatch)
class LetterBatchAdmin(admin.ModelAdmin):
    list_display = ("pk", "created_at", "letters", "vendor_ref")
