"""Assessment category weights of a course."""
import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction

from .models import AssessmentCategory

logger = logging.getLogger(__name__)


class WeightError(ValueError):
    pass


def category_weights(course):
    """{category id: weight in percent} for the course's categories."""
    return {cat.pk: cat.weight for cat in AssessmentCategory.objects.filter(course=course)}


def parse_weights(raw):
    """``{"Tests": "50", ...}`` from a form / JSON body -> {name: Decimal}."""
    weights = {}
    for name, value in raw.items():
        try:
            weight = Decimal(str(value))
        except InvalidOperation:
            raise WeightError(f"weight for {name!r} is not a number: {value!r}")
        if weight < 0 or weight > 100:
            raise WeightError(f"weight for {name!r} must be between 0 and 100")
        weights[name] = weight
    return weights


def apply_weight_change(course, new_weights):
    """Save new category weights ({name: Decimal}) and recompute the course's grades.

    The counted categories must add up to 100 %.
    """
    from reports.tasks import recompute_course_grades

    categories = {c.name: c for c in AssessmentCategory.objects.filter(course=course)}
    unknown = set(new_weights) - set(categories)
    if unknown:
        raise WeightError(f"unknown categories: {', '.join(sorted(unknown))}")
    merged = {name: new_weights.get(name, cat.weight) for name, cat in categories.items()}
    if sum(merged.values()) != 100:
        raise WeightError(f"weights add up to {sum(merged.values())}%, not 100%")
    with transaction.atomic():
        for name, weight in new_weights.items():
            AssessmentCategory.objects.filter(pk=categories[name].pk).update(weight=weight)
        weights = category_weights(course)
        course_id = course.pk
        transaction.on_commit(lambda: recompute_course_grades.delay(course_id, weights))
    logger.info("course %s: new weights %s", course.code, merged)
    return merged
