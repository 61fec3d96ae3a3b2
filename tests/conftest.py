import pytest
from wagtail.models import Site


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)
