"""The demo in French, a part of `manage.py seed_demo`: the home page, the events
index, the forum with its programme, and the past conference with its outcome, each
translated through wagtail-localize from data/translations/fr.yaml, as an organiser
leaves them after translating each string in its editor."""

import yaml

from convening.demo import content as demo
from convening.demo import outcomes
from convening.demo.loader import DATA
from convening.models import HomePage
from convening.outcomes.models import OutcomePage
from events.models import EventIndexPage, EventPage
from sessions.models import SessionPage
from toolkit.page_languages import sources, translations
from toolkit.translation_memory import translate

LANGUAGES = ["fr"]


def words(code):
    """Source string -> translation, for the language `code`."""
    with open(DATA / "translations" / f"{code}.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


def demo_pages():
    """The pages translated, parents first."""
    events = sources(EventPage.objects.all())
    forum = events.get(slug=demo.MAIN_FORUM["slug"])
    past = events.get(slug=outcomes.EVENT)
    return [
        sources(HomePage.objects.all()).get(),
        sources(EventIndexPage.objects.all()).get(),
        forum,
        *SessionPage.objects.child_of(forum).order_by("start", "pk"),
        past,
        *OutcomePage.objects.child_of(past),
    ]


class TranslationSeeding:
    """seed_demo's last step; it uses the command's count."""

    def seed_translations(self):
        pages = demo_pages()
        for code in LANGUAGES:
            table = words(code)
            done = set()
            for model in {type(page) for page in pages}:
                keys = [page.translation_key for page in pages if type(page) is model]
                done |= translations(model, keys, code).keys()
            for page in pages:
                needed = page.translation_key not in done
                self.count(f"page in {code}", needed)
                if needed:
                    translate(page, code, table)
