"""Atom feeds whose summaries are plain text. Django's Atom1Feed marks a summary as
type="html", so a reader renders whatever markup an editor typed into it (an
`<img onerror>` runs there); ours are text, and readers show them as such. Every feed
names the site as its author (RFC 4287 requires one) and links to itself."""

from django.utils.feedgenerator import Atom1Feed

from toolkit.addresses import base, site_name


class TextAtomFeed(Atom1Feed):
    def __init__(self, *args, feed_url, **kwargs):
        kwargs.setdefault("author_name", site_name())
        kwargs.setdefault("author_link", base() + "/")
        super().__init__(*args, feed_url=feed_url, **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
