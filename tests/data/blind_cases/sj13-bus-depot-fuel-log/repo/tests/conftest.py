import pytest

from fleet.models import Bus, Depot, FuelType, Pump

HEADER = "timestamp;pump;fleet_no;litres;fuel;card;odometer"


@pytest.fixture
def share(settings, tmp_path):
    root = tmp_path / "fuel"
    (root / "incoming").mkdir(parents=True)
    settings.FUEL_LOG_ROOT = root
    settings.FUEL_EXPORT_DIR = tmp_path / "exports"
    return root


@pytest.fixture
def north(db):
    depot = Depot.objects.create(code="NORTH", name="North depot")
    Pump.objects.create(depot=depot, code="P01")
    Pump.objects.create(depot=depot, code="P02")
    Pump.objects.create(depot=depot, code="P03", fuel_type=FuelType.ADBLUE)
    for fleet_number, reg in (("4127", "BX-412-T"), ("4130", "BX-430-T"), ("4201", "BZ-201-K")):
        Bus.objects.create(fleet_number=fleet_number, registration=reg, depot=depot)
    return depot


@pytest.fixture
def write_log(share):
    def _write(name, lines, header=HEADER):
        path = share / "incoming" / name
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        return path
    return _write
