"""Lookup tables read from the Django database on the driver and shipped to the executors."""
from reserves.models import Camera, Species


def species_lookup(spark):
    """Broadcast of the active species, keyed by the classifier label."""
    species = {s.label_code: s for s in Species.objects.filter(active=True)}
    return spark.sparkContext.broadcast(species)


def camera_reserves(spark):
    """Broadcast of camera code -> reserve slug for the deployed cameras."""
    mapping = dict(Camera.objects.deployed().values_list("code", "reserve__slug"))
    return spark.sparkContext.broadcast(mapping)


def protected_species_names():
    """Driver-side only: the common names that trigger a ranger alert."""
    return set(Species.objects.filter(active=True, protected=True).values_list("common_name", flat=True))
