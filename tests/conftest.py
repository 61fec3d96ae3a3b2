import os

import pytest
from django.core.cache import cache
from wagtail.models import Site


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache outlives each test's database transaction (Redis in the scaled run).
    cache.clear()


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


def pytest_sessionfinish(session, exitstatus):
    """In CI's scaled run a skipped test counts as a failure: nothing may hide there."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CONVENING_FORBID_SKIPS") and skipped:
        reporter.write_line(
            f"{len(skipped)} tests were skipped; none may be.", red=True
        )
        session.exitstatus = 1


def pytest_report_header(config):
    from django.conf import settings

    return (
        f"database: {settings.DATABASES['default']['ENGINE']}, "
        f"channel layer: {settings.CHANNEL_LAYERS['default']['BACKEND']}, "
        f"cache: {settings.CACHES['default']['BACKEND']}"
    )
