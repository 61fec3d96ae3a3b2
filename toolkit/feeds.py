"""Atom feeds whose summaries are plain text. Django's Atom1Feed marks a summary as
type="html", so a reader renders whatever markup an editor typed into it (an
`<img onerror>` runs there); ours are text, and readers show them as such."""

from django.utils.feedgenerator import Atom1Feed


class TextAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
