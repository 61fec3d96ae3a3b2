"""Reads the demo's data files: YAML, with Markdown for rich text.

A YAML value tagged `!md` is Markdown written in place; `!md-file path` names a Markdown
file under `data/`. Both become the HTML Wagtail's rich text editor stores (<p>, <ul>,
<li>, <b>, <i>, <a href>, <h2>, <h3>), so a demo page is the same as one an organiser
typed.
"""

from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

DATA = Path(__file__).resolve().parent / "data"


@cache
def markdown():
    # Plain CommonMark without raw HTML; bold and italic as the editor writes them.
    parser = MarkdownIt("commonmark", {"html": False})
    rules = parser.renderer.rules
    for tag, token in (("b", "strong"), ("i", "em")):
        rules[f"{token}_open"] = lambda *args, tag=tag: f"<{tag}>"
        rules[f"{token}_close"] = lambda *args, tag=tag: f"</{tag}>"
    return parser


def rich_text(text):
    """The rich text HTML of a Markdown text: blocks without newlines between them."""
    return markdown().render(text).replace(">\n", ">").strip()


class DemoLoader(yaml.SafeLoader):
    """Safe YAML plus the two Markdown tags."""


DemoLoader.add_constructor(
    "!md", lambda loader, node: rich_text(loader.construct_scalar(node))
)
DemoLoader.add_constructor(
    "!md-file",
    lambda loader, node: rich_text(
        (DATA / loader.construct_scalar(node)).read_text(encoding="utf-8")
    ),
)


def read(name):
    """The data of `data/<name>` (a path such as "events/forum.yaml")."""
    with (DATA / name).open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=DemoLoader)  # a SafeLoader
