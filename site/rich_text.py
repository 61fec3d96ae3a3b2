"""The rich-text editor's widget, hardened: what arrives is not always Draftail's
contentstate (a script, an old client, a hand-made POST). Raw HTML is sanitised into
rich text instead of failing the request, and links or images naming an id that
cannot exist are dropped, since expanding them later would fail every page view."""

import json
import re

import nh3
from wagtail.admin.rich_text import DraftailRichTextArea

from toolkit.ids import parse

# What Wagtail's rich text can hold; the field's features narrow it further.
TAGS = {
    *("p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "br", "hr"),
    *("b", "strong", "i", "em", "code", "sub", "sup", "s", "a", "embed"),
}
ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "url", "format", "alt"},
}
ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
EMBED = re.compile(r"<embed\b([^>]*)/?>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
CONTENTSTATE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError)


def _anchor(match):
    attrs = dict(ATTRIBUTE.findall(match[1]))
    if attrs.get("linktype"):
        keep = parse(attrs.get("id")) is not None
    else:
        keep = bool(attrs.get("href"))  # nh3 dropped a javascript: or data: one
    return match[0] if keep else match[2]


def _embed(match):
    attrs = dict(ATTRIBUTE.findall(match[1]))
    if attrs.get("embedtype") == "media":
        return match[0] if attrs.get("url") else ""
    return match[0] if parse(attrs.get("id")) is not None else ""


def drop_broken_references(html):
    """Rich text without links or embeds whose ids cannot name a row. `html` is
    well-formed with double-quoted attributes, as nh3 and Wagtail write it."""
    return EMBED.sub(_embed, ANCHOR.sub(_anchor, html))


class SafeDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        try:
            json.loads(raw)
            html = super().value_from_datadict(data, files, name)
        except CONTENTSTATE_ERRORS:
            return self.sanitise(raw)
        return drop_broken_references(html)

    def sanitise(self, raw):
        """Raw HTML as the editor would have saved it: nh3 strips scripts, handlers
        and unsafe URLs, then a round trip through contentstate keeps only what the
        field's features allow."""
        cleaned = nh3.clean(raw, tags=TAGS, attributes=ATTRIBUTES, link_rel=None)
        contentstate = self.converter.from_database_format(
            drop_broken_references(cleaned)
        )
        return drop_broken_references(self.converter.to_database_format(contentstate))
