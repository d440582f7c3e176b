"""Term grade arithmetic."""
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from courses.models import Score

ONE_PLACE = Decimal("0.1")


def category_percents(enrollment):
    """{category id: the student's percentage in that category} (graded work only)."""
    earned = defaultdict(Decimal)
    possible = defaultdict(Decimal)
    scores = Score.objects.filter(
        student_id=enrollment.student_id, assessment__course_id=enrollment.course_id, excused=False,
        points__isnull=False,
    ).select_related("assessment")
    for score in scores:
        category_id = score.assessment.category_id
        earned[category_id] += score.points
        possible[category_id] += score.assessment.max_points
    return {cid: earned[cid] * 100 / possible[cid] for cid in possible if possible[cid]}


def weighted_average(percents, weights):
    """Weighted average of ``percents`` ({category id: %}) with ``weights`` ({category id: weight}).

    Categories with no (or zero) weight do not count; the weights of the
    categories the student has grades in are re-normalised. None if nothing counts.
    """
    total = Decimal(0)
    used_weight = Decimal(0)
    for category_id, percent in percents.items():
        weight = weights.get(category_id)
        if not weight:
            continue
        total += percent * weight
        used_weight += weight
    if not used_weight:
        return None
    return (total / used_weight).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def letter_for(percent):
    if percent is None:
        return "I"
    for letter, minimum in settings.GRADE_SCALE:
        if percent >= minimum:
            return letter
    return "F"
