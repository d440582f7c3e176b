def iter_parcel_pages(queryset, size=200):
    """Pages of parcels, each fetched with its own query."""
    queryset = queryset.order_by("pk")
    last_pk = None
    while True:
        page = list((queryset if last_pk is None else queryset.filter(pk__gt=last_pk))[:size])
        if not page:
            return
        yield page
        last_pk = page[-1].pk
