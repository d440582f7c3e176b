from shop.models import Line
from shop.tasks import adjust_quantities


def clear_discontinued():
    adjust_quantities.delay({line.pk: 0 for line in Line.objects.filter(sku="DISCONTINUED")})
