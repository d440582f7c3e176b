import requests

from depot.models import Product


def refresh_images(rows, errors):
    session = requests.Session()
    for row in rows:
        if not row.get("url"):
            errors.append("no url")
            continue
        response = requests.get(url=row["url"], timeout=10)
        cached = session.get(url=row["url"], timeout=10)
        Product.objects.filter(sku=row["sku"]).update(active=response.ok and cached.ok)
