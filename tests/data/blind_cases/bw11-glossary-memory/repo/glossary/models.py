from django.db import models

LANGUAGES = [
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
]


class Client(models.Model):
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class Glossary(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="glossaries")
    name = models.CharField(max_length=200)
    source_language = models.CharField(max_length=5, choices=LANGUAGES)
    target_language = models.CharField(max_length=5, choices=LANGUAGES)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "glossaries"
        constraints = [
            models.UniqueConstraint(fields=["client", "name"], name="uniq_glossary_name_per_client"),
        ]

    def __str__(self):
        return f"{self.client.code}: {self.name} ({self.source_language}>{self.target_language})"


class Term(models.Model):
    glossary = models.ForeignKey(Glossary, on_delete=models.CASCADE, related_name="terms")
    source_term = models.CharField(max_length=200)
    target_term = models.CharField(max_length=200)
    part_of_speech = models.CharField(max_length=20, blank=True)
    forbidden = models.BooleanField(default=False, help_text="Target term must not be used.")
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source_term"]
        constraints = [
            models.UniqueConstraint(fields=["glossary", "source_term"], name="uniq_term_per_glossary"),
        ]

    def __str__(self):
        return f"{self.source_term} -> {self.target_term}"
