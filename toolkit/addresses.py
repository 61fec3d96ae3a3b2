"""Every absolute URL the site writes (mails, feeds, calendars, schedules, open data,
the API) starts with one setting, SITE_URL: never the request's host, which a client
chooses, nor Wagtail's Site record on its own, which `sync_site` keeps in step."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base():
    """SITE_URL without a trailing slash: "https://forum.example.org"."""
    return settings.SITE_URL.rstrip("/")


def absolute(path):
    """The full address of a site path ("/events/" -> "https://.../events/")."""
    return base() + path


def page_address(page):
    """The full address of a page, its path in its site under SITE_URL."""
    parts = page.get_url_parts()
    return absolute(parts[2]) if parts else None


def site_host_and_port():
    """SITE_URL as Wagtail's Site record holds it: (hostname, port)."""
    split = urlsplit(base())
    return split.hostname, split.port or (443 if split.scheme == "https" else 80)


def site_name():
    """The name mails and feeds give the site: the default Site's, else the setting."""
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def sync_site():
    """Point the default Site record at SITE_URL; True if it changed."""
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
