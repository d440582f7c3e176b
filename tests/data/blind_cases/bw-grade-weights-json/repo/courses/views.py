import json

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Course
from .weights import WeightError, apply_weight_change, parse_weights


@csrf_exempt
@require_http_methods(["GET", "POST"])
def course_weights(request, course_id):
    course = get_object_or_404(Course, pk=course_id)
    if request.method == "GET":
        return JsonResponse({c.name: str(c.weight) for c in course.categories.all()})
    try:
        merged = apply_weight_change(course, parse_weights(json.loads(request.body)))
    except (ValueError, AttributeError) as exc:  # WeightError, bad JSON, not an object
        status = 422 if isinstance(exc, WeightError) else 400
        return JsonResponse({"error": str(exc)}, status=status)
    return JsonResponse({name: str(w) for name, w in merged.items()}, status=202)
