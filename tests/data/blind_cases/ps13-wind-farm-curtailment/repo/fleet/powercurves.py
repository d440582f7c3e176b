"""Warranted power curves, as plain data for the Spark jobs.

expected_power_kw runs on the Spark executors: keep Django imports out of module scope.
"""
from collections import defaultdict


def load_power_curves():
    """{turbine model code: [(wind speed m/s, kW), ...]} sorted by wind speed."""
    from .models import PowerCurvePoint

    curves = defaultdict(list)
    points = PowerCurvePoint.objects.select_related("turbine_model").order_by("turbine_model", "wind_speed_ms")
    for point in points:
        curves[point.turbine_model.code].append((point.wind_speed_ms, point.power_kw))
    return dict(curves)


def expected_power_kw(curve, wind_speed):
    """Power the turbine should produce at ``wind_speed`` (linear between curve points).

    Below the first point and above the last point (cut-out) the turbine produces nothing.
    """
    if not curve or wind_speed is None:
        return 0.0
    if wind_speed < curve[0][0] or wind_speed > curve[-1][0]:
        return 0.0
    for (ws0, kw0), (ws1, kw1) in zip(curve, curve[1:]):
        if ws0 <= wind_speed <= ws1:
            if ws1 == ws0:
                return float(kw1)
            return float(kw0 + (kw1 - kw0) * (wind_speed - ws0) / (ws1 - ws0))
    return float(curve[-1][1])
