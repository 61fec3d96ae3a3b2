"""Words a template shows that do not go through translation: the text between tags and
the attributes people read (alt, title, aria-label, placeholder, a button's value),
outside {% translate %} and {% blocktranslate %}. Scripts, styles and comments are not
read by people; names of formats and units (CSV, iCal) are the same in every language.

python -m tests.site.translatable lists them, template by template."""

import html
import re
from pathlib import Path

from django.template import engines
from django.template.base import TextNode
from django.template.loader_tags import ExtendsNode

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates"] + sorted(ROOT.glob("*/templates"))

READ_ATTRIBUTES = re.compile(
    r"""\b(?:alt|title|aria-label|placeholder|aria-description)\s*=\s*("[^"]*"|'[^']*')""",
    re.I,
)
BUTTON_VALUE = re.compile(
    r"""<input\b[^>]*\btype=["']?(?:submit|button|reset)[^>]*\bvalue=("[^"]*"|'[^']*')""",
    re.I,
)
UNREAD = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
TAG = re.compile(r"<[^>]*>", re.S)
# A word, not part of a name in code (inline_child_, data-count), a path or a file name
# (/ws/sessions/, schedule.xml).
WORD = re.compile(r"(?<![\w./?=&-])[^\W\d_]{2,}(?![\w/-]|\.\w)")
# Names that are written alike in every language.
SAME_IN_EVERY_LANGUAGE = {
    "CSV", "iCal", "ICS", "JSON", "XML", "PDF", "frab", "API", "QR", "URL", "HTML",
    "Atom", "RSS", "SVG", "TOTP", "UTC", "XLSX", "ODS", "Wagtail", "allauth",
}  # fmt: skip


def template_files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))
        yield from sorted(directory.rglob("*.txt"))


def read_text(source):
    """The parts of a stretch of template text a person reads."""
    parts = [m.group(1)[1:-1] for m in READ_ATTRIBUTES.finditer(source)]
    parts += [m.group(1)[1:-1] for m in BUTTON_VALUE.finditer(source)]
    parts.append(TAG.sub(" ", source))
    return " ".join(html.unescape(part) for part in parts)


def untranslated_words(path):
    engine = engines["django"].engine
    template = engine.from_string(path.read_text())
    nodes = template.nodelist.get_nodes_by_type(TextNode)
    # A template that extends another shows only its blocks: text outside is unread.
    for extends in template.nodelist.get_nodes_by_type(ExtendsNode):
        nodes = [
            node
            for block in extends.blocks.values()
            for node in block.nodelist.get_nodes_by_type(TextNode)
        ]
    words = []
    text = "".join(node.s for node in nodes)
    for word in WORD.findall(read_text(UNREAD.sub(" ", text))):
        if word not in SAME_IN_EVERY_LANGUAGE:
            words.append(word)
    return words


def untranslated():
    found = {}
    for path in template_files():
        words = untranslated_words(path)
        if words:
            found[str(path.relative_to(ROOT))] = words
    return found


if __name__ == "__main__":
    import django

    django.setup()
    for name, words in untranslated().items():
        print(f"{name}: {' '.join(words)}")  # noqa: T201
