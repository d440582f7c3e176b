"""Column helpers shared by the circulation jobs."""
from functools import lru_cache

from django.apps import apps
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

from catalog.isbn import normalise_isbn

UNCLASSIFIED = "unclassified"

_isbn13 = F.udf(normalise_isbn, StringType())


def with_isbn13(events, column="isbn"):
    """Add ``isbn13``: the event's ISBN as the catalogue stores it (None if unusable)."""
    return events.withColumn("isbn13", _isbn13(F.col(column)))


@lru_cache(maxsize=50_000)
def _catalogue_genre(isbn13):
    if not isbn13:
        return UNCLASSIFIED
    Title = apps.get_model("catalog", "Title")
    genre = Title.objects.filter(isbn=isbn13).values_list("genre", flat=True).first()
    return genre or UNCLASSIFIED


def with_catalogue_genre(events, isbn_col="isbn13"):
    """Add ``genre`` from the catalogue; UNCLASSIFIED for titles we don't hold or
    that are not classified yet."""
    genre_of = F.udf(_catalogue_genre, StringType())
    return events.withColumn("genre", genre_of(F.col(isbn_col)))


def is_late(returned_col="occurred_at", due_col="due_at", grace_hours=0):
    """Column: the item came back after its due time (plus grace)."""
    due = F.col(due_col)
    if grace_hours:
        due = due + F.expr(f"INTERVAL {int(grace_hours)} HOURS")
    return F.col(due_col).isNotNull() & (F.col(returned_col) > due)
