from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver

from loyalty.models import Card, Member


@receiver(post_save, sender=Card)
def count_card_use(sender, instance, created, **kwargs):
    if created:
        return
    member = instance.member
    Member.objects.filter(pk=member.pk).update(visits=F("visits") + 1)
