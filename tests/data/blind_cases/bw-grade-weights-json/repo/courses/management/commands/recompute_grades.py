from django.core.management.base import BaseCommand, CommandError

from courses.models import Course, Term
from courses.weights import category_weights
from reports.tasks import recompute_course_grades


class Command(BaseCommand):
    help = "Recompute the report cards of one course now (in this process)."

    def add_arguments(self, parser):
        parser.add_argument("course_code")
        parser.add_argument("--term", help="term name, default: the current term")

    def handle(self, *args, course_code, term, **options):
        try:
            term_obj = Term.objects.get(name=term) if term else Term.objects.get(is_current=True)
            course = Course.objects.get(term=term_obj, code=course_code)
        except (Term.DoesNotExist, Term.MultipleObjectsReturned, Course.DoesNotExist) as exc:
            raise CommandError(str(exc))
        updated = recompute_course_grades(course.pk, category_weights(course))
        self.stdout.write(f"{course}: {updated} report card(s) recomputed")
