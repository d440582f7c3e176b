from django.db.models.signals import post_save
from django.dispatch import receiver

from loyalty.models import Card


@receiver(post_save, sender=Card)
def count_card_use(sender, instance, created, **kwargs):
    if created:
        return
    member = instance.member
    member.visits += 1
    member.save(update_fields=["visits"])
