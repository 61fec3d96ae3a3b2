"""The outcome models moved from the events app to their own (events 0008, outcomes
0001): an outcome written before the move is the same page after it."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Page

from convening.outcomes.models import OutcomePage
from events.models import Theme
from tests.factories import EventPageFactory

BEFORE = [("events", "0007_text_limits"), ("outcomes", None)]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    """Migrate to `targets`; the models of that state."""
    executor = MigrationExecutor(connection)
    # Rows keep their pks, so the content type cache stays right in the latest state
    # (and only the old state's own models read the old one).
    executor.migrate(targets)
    nodes = [node for node in targets if node[1] is not None]
    return executor.loader.project_state(nodes).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def write_outcome_as_before(apps, event, theme):
    """An outcome page, its key message, recommendation and theme, as events 0007
    stored them."""
    types = apps.get_model("contenttypes", "ContentType")
    page_type = types.objects.get(app_label="events", model="outcomepage")
    outcome = apps.get_model("events", "OutcomePage").objects.create(
        title="What the forum agreed",
        draft_title="What the forum agreed",
        slug="outcomes",
        path=event.path + "0001",
        depth=event.depth + 1,
        url_path=event.url_path + "outcomes/",
        content_type=page_type,
        locale_id=event.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        first_published_at=timezone.now(),
        executive_summary="<p>Open data needs open tools.</p>",
        statistics={"confirmed": 42},
        statistics_frozen_at=timezone.now(),
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=event.pk).update(numchild=1)
    themes = outcome._meta.get_field("themes").remote_field.through
    # Straight into the tables: the old models' child relations buffer in memory.
    apps.get_model("events", "KeyMessage").objects.create(
        outcome_id=outcome.pk, text="Share what failed, too.", sort_order=0
    )
    apps.get_model("events", "Recommendation").objects.create(
        outcome_id=outcome.pk, text="Fund local hosting.", sort_order=0
    )
    themes.objects.create(outcomepage_id=outcome.pk, theme_id=theme.pk)
    return outcome.pk, page_type.pk


def test_an_outcome_written_before_the_move_is_the_same_page_after_it(client):
    event = EventPageFactory()
    theme = Theme.objects.create(name="Open data", slug="open-data")
    old = migrate(BEFORE)
    pk, type_pk = write_outcome_as_before(old, event, theme)

    migrate(latest())

    outcome = OutcomePage.objects.get(pk=pk)
    assert outcome.content_type_id == type_pk  # the same row, relabelled
    assert outcome.content_type.app_label == "outcomes"
    assert type(Page.objects.get(pk=pk).specific) is OutcomePage
    assert [m.text for m in outcome.key_messages.all()] == ["Share what failed, too."]
    assert [r.text for r in outcome.recommendations.all()] == ["Fund local hosting."]
    assert list(outcome.themes.all()) == [theme]
    assert outcome.statistics == {"confirmed": 42}
    page = client.get(outcome.url)
    assert page.status_code == 200
    assert "Open data needs open tools." in page.content.decode()


def test_the_move_can_be_undone_without_losing_the_outcome():
    event = EventPageFactory()
    theme = Theme.objects.create(name="Open data", slug="open-data")
    old = migrate(BEFORE)
    pk, type_pk = write_outcome_as_before(old, event, theme)
    migrate(latest())

    old = migrate(BEFORE)

    page_type = old.get_model("contenttypes", "ContentType").objects.get(pk=type_pk)
    assert (page_type.app_label, page_type.model) == ("events", "outcomepage")
    outcome = old.get_model("events", "OutcomePage").objects.get(pk=pk)
    assert outcome.key_messages.count() == 1
    migrate(latest())
