"""A person's region: the one an organiser chose for them, else their country's in the
editable country table. Participants' profiles, speakers, the balance screens and the
registration lists all read it here."""

from events.models import Country


def country_regions():
    """{country code: Region} from the editable country table, in one query."""
    return {
        row.code.code: row.region
        for row in Country.objects.select_related("region").exclude(region=None)
    }


def region_of(country, *, override=None, regions=None):
    """The region of someone from `country` (a code or a django-countries Country),
    or None. `regions` (from `country_regions`) spares a query per person in lists."""
    if override is not None:
        return override
    code = getattr(country, "code", country)
    if not code:
        return None
    if regions is not None:
        return regions.get(code)
    row = Country.objects.select_related("region").filter(code=code).first()
    return row.region if row else None
