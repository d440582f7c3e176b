def iter_parcel_pages(queryset, size=200):
    """Pages of parcels, each fetched with its own query."""
    queryset = queryset.order_by("pk")
    offset = 0
    while True:
        page = list(queryset[offset:offset + size])
        if not page:
            return
        yield page
        offset += size
