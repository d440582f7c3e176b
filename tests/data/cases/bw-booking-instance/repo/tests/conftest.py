from datetime import timedelta

import pytest
from django.utils import timezone

from studios.models import FitnessClass, Member, Studio


@pytest.fixture
def spin_class(db):
    studio = Studio.objects.create(name="Hangar 5", city="Leipzig")
    return FitnessClass.objects.create(studio=studio, title="Spin 45", capacity=1,
                                       starts_at=timezone.now() + timedelta(hours=20))


@pytest.fixture
def member(db):
    return Member.objects.create(name="Lea", email="lea@example.org")
