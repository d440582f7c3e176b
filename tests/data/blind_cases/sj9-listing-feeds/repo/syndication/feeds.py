"""Feed writers: one record per listing, streamed to an open text file."""
import csv
from xml.sax.saxutils import XMLGenerator

STATUS_LABELS = {"active": "Active", "pending": "Pending"}
TYPE_LABELS = {
    "house": "SingleFamily",
    "condo": "Condominium",
    "townhouse": "Townhouse",
    "multi_family": "MultiFamily",
    "land": "Land",
}


def listing_record(listing, max_photos):
    agent = listing.agent
    photos = list(listing.photos.all())[:max_photos]
    return {
        "ListingId": listing.mls_number,
        "Status": STATUS_LABELS.get(listing.status, listing.status),
        "PropertyType": TYPE_LABELS.get(listing.property_type, listing.property_type),
        "Street": listing.address_line,
        "City": listing.city,
        "State": listing.state,
        "PostalCode": listing.postal_code,
        "ListPrice": str(listing.price),
        "Bedrooms": str(listing.bedrooms),
        "Bathrooms": f"{listing.bathrooms:.1f}",
        "LivingArea": "" if listing.living_area_sqft is None else str(listing.living_area_sqft),
        "LotSize": "" if listing.lot_size_sqft is None else str(listing.lot_size_sqft),
        "YearBuilt": "" if listing.year_built is None else str(listing.year_built),
        "ListDate": listing.listed_on.isoformat(),
        "Remarks": listing.description,
        "AgentName": agent.full_name,
        "AgentEmail": agent.email,
        "AgentPhone": agent.phone,
        "OfficeName": agent.office.name,
        "Photos": [p.url for p in photos],
    }


class CsvFeedWriter:
    extension = "csv"
    columns = [
        "ListingId", "Status", "PropertyType", "Street", "City", "State", "PostalCode", "ListPrice", "Bedrooms",
        "Bathrooms", "LivingArea", "LotSize", "YearBuilt", "ListDate", "Remarks", "AgentName", "AgentEmail",
        "AgentPhone", "OfficeName", "Photos",
    ]

    def __init__(self, fh, generated_at):
        self.writer = csv.DictWriter(fh, fieldnames=self.columns, lineterminator="\n")
        self.generated_at = generated_at

    def start(self):
        self.writer.writeheader()

    def write(self, record):
        self.writer.writerow({**record, "Photos": "|".join(record["Photos"])})

    def finish(self, count):
        pass


class XmlFeedWriter:
    extension = "xml"

    def __init__(self, fh, generated_at):
        self.xml = XMLGenerator(fh, encoding="utf-8", short_empty_elements=True)
        self.generated_at = generated_at

    def start(self):
        self.xml.startDocument()
        self.xml.startElement("Listings", {"generated": self.generated_at.isoformat()})

    def _element(self, name, text):
        self.xml.startElement(name, {})
        self.xml.characters(text)
        self.xml.endElement(name)

    def write(self, record):
        self.xml.startElement("Listing", {"id": record["ListingId"]})
        for key, value in record.items():
            if key in ("ListingId", "Photos") or value == "":
                continue
            self._element(key, value)
        self.xml.startElement("Photos", {})
        for url in record["Photos"]:
            self._element("Photo", url)
        self.xml.endElement("Photos")
        self.xml.endElement("Listing")

    def finish(self, count):
        self.xml.endElement("Listings")
        self.xml.endDocument()


WRITERS = {"csv": CsvFeedWriter, "xml": XmlFeedWriter}
