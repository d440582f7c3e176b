from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from crews.models import Technician, WorkOrder
from fleet.models import Site, Turbine


@pytest.fixture
def site(db):
    return Site.objects.create(code="hvs", name="Hvide Sande", kind=Site.Kind.ONSHORE)


@pytest.fixture
def turbine(site):
    return Turbine.objects.create(site=site, tag="T07", model_name="V117", operating_hours=Decimal("31250.0"),
                                  hours_at_last_service=Decimal("28000.0"))


@pytest.fixture
def technician(site):
    return Technician.objects.create(employee_no="E1042", name="Mette Lund", home_site=site,
                                     monthly_cap=Decimal("160"))


@pytest.fixture
def work_order(turbine):
    return WorkOrder.objects.create(number="WO-2405-118", turbine=turbine, title="Pitch bearing inspection",
                                    estimated_hours=Decimal("24"))


@pytest.fixture
def days_ago():
    return lambda n: timezone.localdate() - timedelta(days=n)
