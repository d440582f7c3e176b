def mark_processed(parcel):
    parcel.processed = True
    parcel.save(update_fields=["processed"])
