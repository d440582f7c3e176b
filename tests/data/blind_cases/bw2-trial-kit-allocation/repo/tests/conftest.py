from datetime import timedelta

import pytest
from django.utils import timezone

from pharmacy.models import Kit
from trials.models import Arm, Participant, Site, Study, VisitTemplate


@pytest.fixture
def study(db):
    s = Study.objects.create(code="CARDIO-3", title="Cardio 3", block_size=4, randomization_seed="c3-2026")
    Arm.objects.create(study=s, code="A", label="Active 20 mg")
    Arm.objects.create(study=s, code="P", label="Placebo")
    VisitTemplate.objects.create(study=s, name="Day 1", day_offset=0, window_days=0, dispenses_kit=True)
    VisitTemplate.objects.create(study=s, name="Week 4", day_offset=28, window_days=3, dispenses_kit=True)
    VisitTemplate.objects.create(study=s, name="Week 12", day_offset=84, window_days=7)
    return s


@pytest.fixture
def site(study):
    return Site.objects.create(study=study, number="101", name="Uniklinik Nord", pharmacist_email="pharm101@example.org")


@pytest.fixture
def stocked_site(site, study):
    expires = timezone.localdate() + timedelta(days=365)
    for i, arm in enumerate(study.arms.all()):
        for n in range(3):
            Kit.objects.create(study=study, site=site, arm=arm, kit_number=f"K{i}{n:03d}", lot="L24-01",
                               expires_on=expires)
    return site


@pytest.fixture
def make_participant(site):
    counter = {"n": 0}

    def make(**kwargs):
        counter["n"] += 1
        defaults = dict(site=site, screening_number=f"S101-{counter['n']:03d}", initials="AB", birth_year=1970,
                        consented_at=timezone.now())
        defaults.update(kwargs)
        return Participant.objects.create(**defaults)

    return make
