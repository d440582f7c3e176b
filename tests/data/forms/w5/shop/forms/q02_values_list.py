from shop.models import Line
from shop.tasks import tag_lines


def tag_all():
    tag_lines.delay(list(Line.objects.values_list("pk", flat=True)))
