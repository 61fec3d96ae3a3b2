"""The outcome models moved from the events app to their own (events 0008, outcomes
0001): an outcome written before the move is the same page after it.

The history is replayed in a database of its own, built forward from empty, in the
place of the test database. Undoing the latest migrations of the test database
instead took minutes: Django renders the whole project's state again for each of
the hundreds of operations in between."""

import uuid
from contextlib import contextmanager

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Page

from convening.outcomes.models import OutcomePage
from events.models import Theme

BEFORE = [("events", "0007_text_limits"), ("outcomes", None)]
MOVED = [("events", "0008_outcomes_move_to_their_app"), ("outcomes", "0001_initial")]


@contextmanager
def history_database(tmp_path):
    """An empty database of the run's kind (SQLite or PostgreSQL) in the place of the
    test database while open (Wagtail's and Django's migrations write to the default
    database by name); dropped after."""
    database = connections["default"]
    test_name = database.settings_dict["NAME"]
    postgres = database.vendor == "postgresql"
    if postgres:
        name = f"{test_name}_history"
        with database.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "history.sqlite3")
    database.close()
    database.settings_dict["NAME"] = name
    forget_cached_rows(database)
    try:
        yield database
    finally:
        database.close()
        database.settings_dict["NAME"] = test_name
        forget_cached_rows(database)
        if postgres:
            with database.cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}"')


def forget_cached_rows(database):
    """Rows cached by id (content types, Wagtail's sites) differ between the two
    databases. Back in the test database its content types are read again at once:
    its rows are reloaded after the test, and a model loaded before them would
    otherwise add its type a second time."""
    cache.clear()
    ContentType.objects.clear_cache()
    if "django_content_type" in database.introspection.table_names():
        ContentType.objects.get_for_models(*django_apps.get_models())


def migrate(database, targets):
    """Migrate `database` to `targets`; the models of that state."""
    executor = MigrationExecutor(database)
    executor.migrate(targets)
    nodes = [node for node in targets if node[1] is not None]
    return executor.loader.project_state(nodes).apps


def latest(database):
    return MigrationExecutor(database).loader.graph.leaf_nodes()


def write_outcome_as_before(apps):
    """An outcome page, with its key message, recommendation and theme, as events 0007
    stored them, below the site's home page."""
    types = apps.get_model("contenttypes", "ContentType")
    page_type = types.objects.get_or_create(app_label="events", model="outcomepage")[0]
    home = apps.get_model("wagtailcore", "Page").objects.get(depth=2)
    theme = apps.get_model("events", "Theme").objects.create(
        name="Open data", slug="open-data"
    )
    outcome = apps.get_model("events", "OutcomePage").objects.create(
        title="What the forum agreed",
        draft_title="What the forum agreed",
        slug="outcomes",
        path=home.path + f"{home.numchild + 1:04}",  # after the events index
        depth=home.depth + 1,
        url_path=home.url_path + "outcomes/",
        content_type=page_type,
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        first_published_at=timezone.now(),
        executive_summary="<p>Open data needs open tools.</p>",
        statistics={"confirmed": 42},
        statistics_frozen_at=timezone.now(),
    )
    apps.get_model("wagtailcore", "Page").objects.filter(pk=home.pk).update(
        numchild=home.numchild + 1
    )
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_outcome_written_before_the_move_is_the_same_page_after_it(client, tmp_path):
    with history_database(tmp_path) as database:
        pk, type_pk = write_outcome_as_before(migrate(database, BEFORE))

        migrate(database, latest(database))

        outcome = OutcomePage.objects.get(pk=pk)
        assert outcome.content_type_id == type_pk  # the same row, relabelled
        assert outcome.content_type.app_label == "outcomes"
        assert type(Page.objects.get(pk=pk).specific) is OutcomePage
        messages = [m.text for m in outcome.key_messages.all()]
        assert messages == ["Share what failed, too."]
        recommendations = [r.text for r in outcome.recommendations.all()]
        assert recommendations == ["Fund local hosting."]
        assert list(outcome.themes.all()) == [Theme.objects.get(slug="open-data")]
        assert outcome.statistics == {"confirmed": 42}
        page = client.get(outcome.url)
        assert page.status_code == 200
        assert "Open data needs open tools." in page.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_can_be_undone_without_losing_the_outcome(tmp_path):
    with history_database(tmp_path) as database:
        pk, type_pk = write_outcome_as_before(migrate(database, BEFORE))
        moved = migrate(database, MOVED)
        assert moved.get_model("outcomes", "OutcomePage").objects.filter(pk=pk).exists()

        old = migrate(database, BEFORE)

        page_type = old.get_model("contenttypes", "ContentType").objects.get(pk=type_pk)
        assert (page_type.app_label, page_type.model) == ("events", "outcomepage")
        outcome = old.get_model("events", "OutcomePage").objects.get(pk=pk)
        assert outcome.key_messages.count() == 1
