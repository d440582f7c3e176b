from datetime import date

from django.core.management.base import BaseCommand, CommandError

from claims import legacy


class Command(BaseCommand):
    help = "Show a policy and its coverages from the legacy mirror."

    def add_arguments(self, parser):
        parser.add_argument("policy_number")
        parser.add_argument("--on", type=date.fromisoformat, default=None, help="coverage date (default: today)")

    def handle(self, *args, **options):
        conn = legacy.open_policy_db()
        try:
            policy = legacy.find_policy(conn, options["policy_number"])
            coverages = legacy.coverages_on(conn, policy["id"], options["on"] or date.today())
        except legacy.MirrorError as exc:
            raise CommandError(str(exc))
        finally:
            conn.close()
        self.stdout.write(f"{policy['policy_number']} {policy['product']} {policy['insured_name']} "
                          f"{policy['effective_from']}..{policy['effective_to']} [{policy['status']}]")
        for c in coverages:
            self.stdout.write(f"  {c.peril:<20} limit {c.limit} deductible {c.deductible}")
