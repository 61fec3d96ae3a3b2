"""Default stakeholder groups, UN regional groups, the country table, languages and themes.
All of it is data: organisers edit it in the admin."""

import csv
from pathlib import Path

from django.db import migrations

GROUPS = [
    ("government", "Government"),
    ("intergovernmental", "Intergovernmental and international organisations"),
    ("civil-society", "Civil society"),
    ("private-sector", "Private sector"),
    ("technical-community", "Technical community"),
    ("academia", "Academia and research"),
    ("media", "Media"),
]
REGIONS = [
    ("AFRICAN", "African Group"),
    ("APG", "Asia-Pacific Group"),
    ("EEG", "Eastern European Group"),
    ("GRULAC", "Latin American and Caribbean Group"),
    ("WEOG", "Western European and Others Group"),
]
LANGUAGES = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("sgn", "International Sign"),
]
SDGS = [
    "No poverty",
    "Zero hunger",
    "Good health and well-being",
    "Quality education",
    "Gender equality",
    "Clean water and sanitation",
    "Affordable and clean energy",
    "Decent work and economic growth",
    "Industry, innovation and infrastructure",
    "Reduced inequalities",
    "Sustainable cities and communities",
    "Responsible consumption and production",
    "Climate action",
    "Life below water",
    "Life on land",
    "Peace, justice and strong institutions",
    "Partnerships for the goals",
]
WSIS_ACTION_LINES = [
    "The role of governments and all stakeholders in the promotion of ICTs for development",
    "Information and communication infrastructure",
    "Access to information and knowledge",
    "Capacity building",
    "Building confidence and security in the use of ICTs",
    "Enabling environment",
    "ICT applications: benefits in all aspects of life",
    "Cultural diversity and identity, linguistic diversity and local content",
    "Media",
    "Ethical dimensions of the Information Society",
    "International and regional cooperation",
]
COUNTRIES = Path(__file__).resolve().parents[1] / "data" / "countries.csv"


def load(apps, schema_editor):
    StakeholderGroup = apps.get_model("events.StakeholderGroup")
    Region = apps.get_model("events.Region")
    Country = apps.get_model("events.Country")
    Language = apps.get_model("events.Language")
    Theme = apps.get_model("events.Theme")

    for order, (slug, name) in enumerate(GROUPS):
        StakeholderGroup.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    regions = {}
    for order, (code, name) in enumerate(REGIONS):
        regions[code], _ = Region.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    with COUNTRIES.open(newline="", encoding="utf-8") as rows:
        Country.objects.bulk_create(
            [
                Country(
                    code=row["code"],
                    region=regions.get(row["un_group"]),
                    ldc=row["ldc"] == "1",
                    lldc=row["lldc"] == "1",
                    sids=row["sids"] == "1",
                )
                for row in csv.DictReader(rows)
            ],
            ignore_conflicts=True,
        )
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})
    for number, name in enumerate(SDGS, start=1):
        Theme.objects.get_or_create(
            slug=f"sdg-{number}",
            defaults={"kind": "sdg", "code": f"SDG {number}", "name": name, "sort_order": number},
        )
    for number, name in enumerate(WSIS_ACTION_LINES, start=1):
        Theme.objects.get_or_create(
            slug=f"wsis-c{number}",
            defaults={"kind": "wsis", "code": f"C{number}", "name": name, "sort_order": number},
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
