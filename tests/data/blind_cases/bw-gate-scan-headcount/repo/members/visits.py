from django.db.models import F

from .models import Member


def record_member_visit(member_id, when):
    """Count a visit on the member's card (shown in the members' app)."""
    Member.objects.filter(pk=member_id).update(visit_count=F("visit_count") + 1, last_visit_at=when)
