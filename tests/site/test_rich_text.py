"""Rich text posted to the admin as raw HTML, or as contentstate naming ids that
cannot exist: saved as safe rich text, never a server error."""

import json

import pytest

from convening.rich_text import SafeDraftailRichTextArea
from events.blocks import BodyBlock
from tests.factories import events_index

pytestmark = pytest.mark.django_db

TOO_LARGE = "9" * 20


def edit(client, page, intro):
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "slug": page.slug, "intro": intro},
    )


def saved_intro(page):
    page.refresh_from_db()
    return page.get_latest_revision().as_object().intro


def test_raw_html_in_a_rich_text_field_is_saved_sanitised(client, organiser):
    index = events_index()

    response = edit(
        client,
        index,
        '<p>Welcome <b onclick="steal()">all</b></p><script>alert(1)</script>'
        f'<p><a linktype="page" id="{TOO_LARGE}">gone</a> '
        '<a href="javascript:alert(1)">bad</a> <a href="https://example.org/">ok</a>'
        f'<img src=x onerror="alert(1)"><embed embedtype="image" id="{TOO_LARGE}"></p>',
    )

    assert response.status_code == 302
    intro = saved_intro(index)
    assert "script" not in intro and "alert" not in intro and "onclick" not in intro
    assert ">Welcome <b>all</b></p>" in intro
    assert 'gone bad <a href="https://example.org/">ok</a></p>' in intro
    assert TOO_LARGE not in intro and "<img" not in intro


def test_contentstate_linking_a_too_large_page_id_saves_the_text_alone(
    client, organiser
):
    index = events_index()
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": "See the programme",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 8, "length": 9, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"id": TOO_LARGE}}
        },
    }

    response = edit(client, index, json.dumps(contentstate))

    assert response.status_code == 302
    assert saved_intro(index) == '<p data-block-key="a1b2c">See the programme</p>'
    assert client.get(index.url).status_code == 200


def test_sanitising_keeps_links_to_pages_that_can_exist():
    widget = SafeDraftailRichTextArea(features=["bold", "link"])

    html = widget.sanitise('<p>To <a linktype="page" id="3">home</a><i>!</i></p>')

    assert html.endswith('>To <a linktype="page" id="3">home</a>!</p>')


def test_a_rich_text_block_reads_raw_html_the_same_way():
    paragraph = BodyBlock().child_blocks["paragraph"]

    value = paragraph.value_from_datadict(
        {"body-0-value": "<p>Hi <i>all</i></p><script>alert(1)</script>"},
        {},
        "body-0-value",
    )

    assert value.source.endswith(">Hi <i>all</i></p>")
