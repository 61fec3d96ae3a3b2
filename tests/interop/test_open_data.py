"""An outcome's open data as other programs read it: the CSV as a spreadsheet program
opens it (UTF-8 said by its BOM), the JSON naming its event, and the pages API
carrying the licence."""

import csv
import io
import json

import pytest

from convening.outcomes.models import KeyMessage
from tests.factories import EventPageFactory, outcome_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome():
    event = EventPageFactory(
        title="Forum on knowledge sharing", slug="forum", venue="Genève"
    )
    return outcome_page(
        event,
        key_messages=[
            KeyMessage(text="-5 is not a formula, it is a drop in funding."),
            KeyMessage(text='=HYPERLINK("http://evil.example")'),
            KeyMessage(text="Savoir partagé, développement durable."),
        ],
    )


def test_the_csv_says_it_is_utf8_and_guards_only_formulas(client, outcome):
    body = client.get("/events/forum/outcomes/outcomes.csv").content

    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))

    assert body.startswith("\ufeff".encode())
    messages = [row[1] for row in rows if row[0] == "key message"]
    assert messages == [
        "-5 is not a formula, it is a drop in funding.",
        '\'=HYPERLINK("http://evil.example")',
        "Savoir partagé, développement durable.",
    ]
    assert ["event", "Forum on knowledge sharing"] == rows[1][:2]
    assert rows[1][3] == "Genève"


def test_the_json_names_its_event(client, outcome):
    data = json.loads(client.get("/events/forum/outcomes/outcomes.json").content)

    assert data["event"]["title"] == "Forum on knowledge sharing"
    assert data["event"]["start_date"] == "2031-05-12"
    assert data["event"]["end_date"] == "2031-05-14"
    assert data["event"]["venue"] == "Genève"
    assert data["event"]["url"].endswith("/events/forum/")


def test_the_pages_api_carries_the_licence(client, outcome):
    data = json.loads(
        client.get(f"/api/v2/pages/{outcome.pk}/?fields=licence,licence_url").content
    )

    assert data["licence"] == outcome.licence
    assert data["licence_url"] == outcome.licence_url
