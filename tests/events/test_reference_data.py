import pytest

from events.models import Country, Region, StakeholderGroup, Theme
from events.regions import country_regions, region_of
from sessions.models import Person

pytestmark = pytest.mark.django_db


def test_the_seven_default_stakeholder_groups_exist_in_order():
    assert list(StakeholderGroup.objects.values_list("name", flat=True)) == [
        "Government",
        "Intergovernmental and international organisations",
        "Civil society",
        "Private sector",
        "Technical community",
        "Academia and research",
        "Media",
    ]


def test_every_un_member_has_a_regional_group():
    counts = {r.code: r.countries.count() for r in Region.objects.all()}

    assert counts == {"AFRICAN": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}
    assert sorted(
        Country.objects.filter(region=None).values_list("code", flat=True)
    ) == ["PS", "VA"]


@pytest.mark.parametrize(
    ("code", "region", "ldc", "lldc", "sids"),
    [
        ("KE", "AFRICAN", False, False, False),
        ("NP", "APG", True, True, False),
        ("FJ", "APG", False, False, True),
        ("BO", "GRULAC", False, True, False),
        ("PL", "EEG", False, False, False),
        ("CA", "WEOG", False, False, False),
    ],
    ids=["kenya", "nepal", "fiji", "bolivia", "poland", "canada"],
)
def test_country_table_holds_region_and_development_status(
    code, region, ldc, lldc, sids
):
    country = Country.objects.get(code=code)

    assert (country.region.code, country.ldc, country.lldc, country.sids) == (
        region,
        ldc,
        lldc,
        sids,
    )


def test_a_person_region_comes_from_the_country_unless_overridden():
    person = Person.objects.create(name="Lina Haddad", country="JO")
    assert person.region.code == "APG"

    person.region_override = Region.objects.get(code="WEOG")
    person.save()

    assert Person.objects.get(pk=person.pk).region.code == "WEOG"


def test_the_country_table_is_editable_data():
    Country.objects.filter(code="JO").update(region=Region.objects.get(code="AFRICAN"))

    assert Person.objects.create(name="Omar", country="JO").region.code == "AFRICAN"


def test_themes_include_every_sdg_and_wsis_action_line():
    assert Theme.objects.filter(kind=Theme.Kind.SDG).count() == 17
    assert list(
        Theme.objects.filter(kind=Theme.Kind.WSIS).values_list("code", flat=True)
    ) == [f"C{n}" for n in range(1, 12)]


def test_a_list_reads_regions_from_one_table_read(django_assert_num_queries):
    regions = country_regions()

    with django_assert_num_queries(0):
        found = [region_of(code, regions=regions) for code in ["JO", "KE", "", "XK"]]

    assert [region and region.code for region in found] == [
        "APG",
        "AFRICAN",
        None,
        None,
    ]
