from depot.models import JobState, Parcel


def flag_row():
    JobState.objects.filter(name="export").update(running=True)
    try:
        for parcel in Parcel.objects.filter(processed=False):
            parcel.processed = True
            parcel.save(update_fields=["processed"])
    finally:
        JobState.objects.filter(name="export").update(running=False)
