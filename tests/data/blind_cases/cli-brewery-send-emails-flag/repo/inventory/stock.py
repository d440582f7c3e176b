from django.db.models import F

from .models import StockLevel


def below_reorder_level(site=None):
    qs = StockLevel.objects.filter(quantity_kg__lt=F("ingredient__reorder_level_kg")).select_related("site", "ingredient")
    if site is not None:
        qs = qs.filter(site=site)
    return qs.order_by("site__code", "ingredient__name")


def consume(site, ingredient, kg):
    """Take kg of an ingredient out of a site's stock (brew day)."""
    StockLevel.objects.filter(site=site, ingredient=ingredient).update(quantity_kg=F("quantity_kg") - kg)
