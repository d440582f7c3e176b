from datetime import datetime, time, timedelta


def shipped_on(parcel, day):
    start = datetime.combine(day, time.min)
    return parcel.shipped_at is not None and start <= parcel.shipped_at < start + timedelta(days=1)
