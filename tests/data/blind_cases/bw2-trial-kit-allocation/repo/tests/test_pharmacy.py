from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pharmacy.inventory import NoKitAvailable, take_kit
from pharmacy.models import Kit, KitAssignment, ResupplyRequest
from pharmacy.tasks import allocate_kit, check_site_stock, expire_kits
from trials.models import Randomization


@pytest.fixture
def randomization(make_participant, study):
    participant = make_participant(status="randomized")
    return Randomization.objects.create(participant=participant, arm=study.arms.get(code="A"), sequence_number=1)


def test_allocate_kit_assigns_the_first_expiring_kit(stocked_site, randomization):
    soon = Kit.objects.filter(arm__code="A").last()
    soon.expires_on = timezone.localdate() + timedelta(days=60)
    soon.save()

    kit_number = allocate_kit.apply(args=[randomization.pk]).get()

    assert kit_number == soon.kit_number
    assignment = KitAssignment.objects.get(randomization=randomization)
    assert assignment.kit.status == Kit.Status.ALLOCATED
    assert assignment.pharmacist_notified_at is not None
    assert mail.outbox[0].to == ["pharm101@example.org"]


def test_allocate_kit_is_idempotent(stocked_site, randomization):
    first = allocate_kit.apply(args=[randomization.pk]).get()
    second = allocate_kit.apply(args=[randomization.pk]).get()
    assert first == second
    assert Kit.objects.filter(status=Kit.Status.ALLOCATED).count() == 1


def test_kits_close_to_expiry_are_not_taken(site, study):
    Kit.objects.create(study=study, site=site, arm=study.arms.get(code="P"), kit_number="K-OLD", lot="L1",
                       expires_on=timezone.localdate() + timedelta(days=5))
    with pytest.raises(NoKitAvailable):
        take_kit(site, study.arms.get(code="P"))


def test_stock_check_requests_resupply_once(site, study):
    assert check_site_stock.apply().get() == 2
    assert check_site_stock.apply().get() == 0
    assert ResupplyRequest.objects.count() == 2


def test_expire_kits(site, study):
    Kit.objects.create(study=study, site=site, arm=study.arms.first(), kit_number="K-X", lot="L1",
                       expires_on=timezone.localdate() - timedelta(days=1))
    assert expire_kits.apply().get() == 1


def test_allocate_kit_command(stocked_site, randomization):
    call_command("allocate_kit", randomization.participant.screening_number)
    assert KitAssignment.objects.filter(randomization=randomization).exists()
