from django.db import models

from glossary.models import LANGUAGES, Client


class TranslationUnit(models.Model):
    """One source/target pair in a client's translation memory."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="translation_units")
    source_language = models.CharField(max_length=5, choices=LANGUAGES)
    target_language = models.CharField(max_length=5, choices=LANGUAGES)
    source_text = models.TextField()
    target_text = models.TextField()
    source_hash = models.CharField(max_length=40, db_index=True)
    origin = models.ForeignKey("Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "source_language", "target_language", "source_hash"],
                name="uniq_tm_unit",
            ),
        ]

    def __str__(self):
        return f"{self.source_text[:40]} -> {self.target_text[:40]}"


class Document(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded"
        ANALYZING = "analyzing"
        PRETRANSLATED = "pretranslated"
        IN_TRANSLATION = "in_translation"
        DELIVERED = "delivered"
        FAILED = "failed"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(max_length=255)
    source_language = models.CharField(max_length=5, choices=LANGUAGES)
    target_language = models.CharField(max_length=5, choices=LANGUAGES)
    source_text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    words_total = models.PositiveIntegerField(default=0)
    words_exact = models.PositiveIntegerField(default=0)
    words_fuzzy = models.PositiveIntegerField(default=0)
    words_repeated = models.PositiveIntegerField(default=0)
    words_new = models.PositiveIntegerField(default=0)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.name


class DocumentSegment(models.Model):
    class Match(models.TextChoices):
        EXACT = "exact"
        FUZZY = "fuzzy"
        REPETITION = "repetition"
        NEW = "new"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    source_text = models.TextField()
    target_text = models.TextField(blank=True)
    match = models.CharField(max_length=12, choices=Match.choices, default=Match.NEW)
    match_score = models.PositiveSmallIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)
    terms = models.JSONField(default=list, blank=True)
    confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="uniq_segment_position"),
        ]

    def __str__(self):
        return f"{self.document_id}#{self.position}"
