import pytest

from fleet.powercurves import expected_power_kw, load_power_curves

from .conftest import CURVE


@pytest.mark.parametrize("wind_speed, expected", [
    (None, 0.0), (2.0, 0.0), (3.0, 0.0), (4.5, 300.0), (7.5, 1200.0), (12.0, 3000.0), (18.0, 3000.0),
    (26.0, 0.0),
])
def test_expected_power_interpolates_the_curve(wind_speed, expected):
    assert expected_power_kw(CURVE, wind_speed) == pytest.approx(expected)


def test_unknown_model_has_no_expected_power():
    assert expected_power_kw(None, 10.0) == 0.0


def test_load_power_curves_is_sorted_plain_data(turbine_model):
    curves = load_power_curves()
    assert curves == {"GEN-3.0": CURVE}
