from django.conf import settings
from django.core.management.base import BaseCommand

from toolkit.addresses import sync_site


class Command(BaseCommand):
    help = (
        "Points the default Wagtail Site at SITE_URL, so that every absolute link "
        "(mails, feeds, exports, the API) names the address the site is served at. "
        "A deploy step: run it after migrate whenever SITE_URL changes."
    )

    def handle(self, *args, **options):
        changed = sync_site()
        said = "now points at" if changed else "already points at"
        self.stdout.write(f"The default site {said} {settings.SITE_URL}.")
