import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Site


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The caches outlive each test's database transaction (Redis in the scaled run,
    # files for the page cache in the embedded one).
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _source_language():
    # A request leaves its language active in the thread that served it (each request
    # sets its own); a test that then calls a service directly starts from English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def database_queue(settings):
    """The "background" alias as in production; django-tasks drops its cached backends
    when TASKS changes, and again when the fixture restores it."""
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }


def pytest_sessionfinish(session, exitstatus):
    """In CI's scaled run a skipped test counts as a failure: nothing may hide there."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CONVENING_FORBID_SKIPS") and skipped:
        reporter.write_line(
            f"{len(skipped)} tests were skipped; none may be.", red=True
        )
        session.exitstatus = 1


def pytest_unconfigure(config):
    """The run's page cache directory (convening.settings.test) goes with the run."""
    directory = os.environ.get("CONVENING_TEST_PAGE_CACHE_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)


def pytest_report_header(config):
    from django.conf import settings

    return (
        f"database: {settings.DATABASES['default']['ENGINE']}, "
        f"channel layer: {settings.CHANNEL_LAYERS['default']['BACKEND']}, "
        f"cache: {settings.CACHES['default']['BACKEND']}, "
        f"page cache: {settings.CACHES['pages']['BACKEND']}"
    )
