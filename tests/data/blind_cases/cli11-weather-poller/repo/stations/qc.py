"""Plausibility (range) checks applied to every record before it is stored.

Values outside the physical range of the sensor are dropped (stored as NULL) and the
measurement name is recorded in ``Reading.qc_flags`` so the data team can review them.
"""

RANGES = {
    "air_temp_c": (-45.0, 55.0),
    "relative_humidity": (0.0, 103.0),  # capacitive RH sensors read a little over 100 in fog
    "precipitation_mm": (0.0, 75.0),    # per 5-minute record
    "wind_speed_ms": (0.0, 75.0),
    "wind_direction_deg": (0.0, 360.0),
    "solar_radiation_wm2": (-5.0, 1500.0),
    "soil_temp_c": (-30.0, 60.0),
    "soil_moisture_vwc": (0.0, 0.65),
}


def check(values):
    """Return ``(clean_values, flags)`` for one record."""
    clean = {}
    flags = []
    for name, value in values.items():
        if name not in RANGES:
            continue
        low, high = RANGES[name]
        if value is not None and not (low <= value <= high):
            flags.append(name)
            value = None
        if name == "relative_humidity" and value is not None:
            value = min(value, 100.0)
        clean[name] = value
    return clean, flags
