"""Reference data from the operations database, for the Spark jobs.

Runs on the driver. Model imports are local to the functions so that the job modules, which import
this one, stay importable by spark-submit without Django settings.
"""
from collections import defaultdict


def room_type_codes(property_code):
    """{room number: room type code} for the active rooms of a property."""
    from housekeeping.models import Room

    rooms = Room.objects.filter(property__code=property_code, is_active=True)
    return dict(rooms.values_list("number", "room_type__code"))


def broadcast_room_types(spark, property_code):
    return spark.sparkContext.broadcast(room_type_codes(property_code))


def broadcast_linen_par(spark, property_code):
    """{room type code: {linen item: quantity}} for a full linen change."""
    from housekeeping.models import LinenPar

    par = defaultdict(dict)
    rows = (LinenPar.objects.filter(room_type__property__code=property_code)
            .values_list("room_type__code", "item", "quantity"))
    for type_code, item, quantity in rows:
        par[type_code][item] = quantity
    return spark.sparkContext.broadcast(dict(par))


def broadcast_room_catalog(spark, property_code):
    """Active rooms of a property by room number, with their room type (credits and target minutes)."""
    from housekeeping.models import Room

    rooms = Room.objects.filter(property__code=property_code, is_active=True).select_related("room_type")
    return spark.sparkContext.broadcast({room.number: room for room in rooms})


def rooms_frame(spark, property_code):
    """Active rooms as a small DataFrame (room, floor, room_type), for joins."""
    from housekeeping.models import Room

    rows = list(Room.objects.filter(property__code=property_code, is_active=True)
                .values_list("number", "floor", "room_type__code"))
    return spark.createDataFrame(rows, schema="room string, floor int, room_type string")
