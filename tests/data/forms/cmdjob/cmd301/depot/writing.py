from depot.models import Parcel


def register_parcel(code, customer_id):
    return Parcel.objects.create(code=code, customer_id=customer_id)
