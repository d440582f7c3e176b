import csv
import io
import logging
from datetime import date

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone

from courses.models import Course, Enrollment, Score, Term
from courses.weights import category_weights

from .grading import category_percents, letter_for, weighted_average
from .models import ReportCard

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def recompute_course_grades(course_id, weights, publish=False):
    """Recompute every report card of a course with the given category weights.

    ``weights`` maps category id -> weight (percent), as returned by
    ``courses.weights.category_weights``. With ``publish`` the report cards are
    also published and the families notified.
    """
    course = Course.objects.get(pk=course_id)
    now = timezone.now()
    updated = 0
    for enrollment in Enrollment.objects.filter(course=course, dropped=False).select_related("student"):
        percent = weighted_average(category_percents(enrollment), weights)
        card, _ = ReportCard.objects.update_or_create(
            enrollment=enrollment,
            defaults={"percent": percent, "letter": letter_for(percent), "computed_at": now},
        )
        if publish and card.published_at is None:
            ReportCard.objects.filter(pk=card.pk).update(published_at=now)
            send_report_card_email.delay(card.pk)
        updated += 1
    logger.info("course %s: %d report card(s) recomputed%s", course.code, updated, " and published" if publish else "")
    return updated


@shared_task
def publish_term_grades(term_id):
    """Recompute and publish the grades of every course of a term (run when grades are due)."""
    term = Term.objects.get(pk=term_id)
    courses = list(term.courses.all())
    for course in courses:
        recompute_course_grades.delay(course.pk, category_weights(course), publish=True)
    return len(courses)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_report_card_email(report_card_id):
    card = ReportCard.objects.select_related("enrollment__student", "enrollment__course").get(pk=report_card_id)
    student = card.enrollment.student
    recipients = [e for e in (student.guardian_email, student.email) if e]
    if not recipients:
        return False
    course = card.enrollment.course
    grade = f"{card.letter} ({card.percent}%)" if card.percent is not None else "Incomplete"
    send_mail(
        f"Term grade for {student.name}: {course.title}",
        f"{student.name}'s term grade in {course.title} ({course.teacher}) is {grade}.\n",
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    return True


@shared_task
def export_gradebook(course_id, as_of, email_to):
    """Mail the course's gradebook as CSV. ``as_of`` is an ISO date string."""
    as_of = date.fromisoformat(as_of)
    course = Course.objects.get(pk=course_id)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["student", "assessment", "points", "max_points", "due_on"])
    scores = (
        Score.objects.filter(assessment__course=course, assessment__due_on__lte=as_of)
        .select_related("student", "assessment")
        .order_by("student__number", "assessment__due_on")
    )
    for s in scores:
        writer.writerow([s.student.number, s.assessment.title, "EX" if s.excused else s.points,
                         s.assessment.max_points, s.assessment.due_on.isoformat()])
    msg = EmailMessage(f"Gradebook {course.code} as of {as_of}", "Attached.", settings.DEFAULT_FROM_EMAIL,
                       [email_to])
    msg.attach(f"{course.code}-{as_of}.csv", buf.getvalue(), "text/csv")
    msg.send()
    return scores.count()


@shared_task
def publish_due_terms():
    """Beat (hourly): publish terms whose grades are due."""
    due = Term.objects.filter(grades_due__lte=timezone.now(), is_current=True)
    for term in due:
        publish_term_grades.delay(term.pk)
        Term.objects.filter(pk=term.pk).update(is_current=False)
    return len(due)
