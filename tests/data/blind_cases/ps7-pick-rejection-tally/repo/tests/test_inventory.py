import pytest

from stations.inventory import apply_inventory, parse_fdsn_text
from stations.models import Channel, Station

FDSN = """#Network|Station|Location|Channel|Latitude|Longitude|Elevation|Depth|Azimuth|Dip|SensorDescription|Scale|ScaleFreq|ScaleUnits|SampleRate|StartTime|EndTime
XQ|ALPA||HHZ|46.512|9.871|1820.0|0.0|0.0|-90.0|Alp Alva vault|6.29e8|1.0|M/S|100.0|2019-06-01T00:00:00|
XQ|ALPA||HHN|46.512|9.871|1820.0|0.0|0.0|0.0|Alp Alva vault|6.29e8|1.0|M/S|100.0|2019-06-01T00:00:00|
XQ|BRGN|00|HHZ|46.601|10.012|1402.0|0.0|0.0|-90.0|Bergun borehole|6.29e8|1.0|M/S|200.0|2021-03-15T00:00:00|
"""


@pytest.mark.django_db
def test_apply_inventory_is_idempotent():
    lines = list(parse_fdsn_text(FDSN.splitlines()))
    assert apply_inventory(lines) == (2, 3)
    assert apply_inventory(lines) == (2, 3)
    assert Station.objects.count() == 2
    assert Channel.objects.get(station__code="BRGN").sample_rate == 200.0
    assert str(Station.objects.get(code="ALPA")) == "XQ.ALPA"


def test_parse_rejects_short_lines():
    with pytest.raises(ValueError):
        list(parse_fdsn_text(["XQ|ALPA|HHZ"]))
