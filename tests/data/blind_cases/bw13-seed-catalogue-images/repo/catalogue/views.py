from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Variety, VarietyImage


def _image_json(image):
    return {
        "url": image.source_url,
        "role": image.role,
        "alt": image.alt_text,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "content_type": image.content_type,
        "version": image.sha256[:12],
    }


def variety_detail(request, slug):
    variety = get_object_or_404(Variety.objects.select_related("species"), slug=slug, is_active=True)
    images = variety.images.filter(status=VarietyImage.Status.OK)
    return JsonResponse({
        "sku": variety.sku,
        "name": variety.name,
        "species": {"common": variety.species.common_name, "latin": variety.species.latin_name},
        "days_to_maturity": variety.days_to_maturity,
        "organic": variety.is_organic,
        "supplier_page": variety.supplier_page_url if variety.supplier_page_ok is not False else None,
        "images": [_image_json(image) for image in images],
    })
