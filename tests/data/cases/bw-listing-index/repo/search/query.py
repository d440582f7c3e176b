from .models import ListingDocument


def search(text="", city=None, max_price=None):
    qs = ListingDocument.objects.filter(status="active")
    if city:
        qs = qs.filter(city__iexact=city)
    if max_price is not None:
        qs = qs.filter(price__lte=max_price)
    for word in text.lower().split():
        qs = qs.filter(body__contains=word)
    return qs.order_by("price")
