from depot.models import Price, Product


def activate_priced_products():
    for price in Price.objects.all():
        product = Product.objects.get(sku=price.sku)
        product.active = True
        product.save()
