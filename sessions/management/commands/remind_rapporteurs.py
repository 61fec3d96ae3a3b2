from django.core.management.base import BaseCommand

from events.models import EventPage
from sessions.reports.services import send_reminders
from toolkit.page_languages import sources


class Command(BaseCommand):
    help = (
        "Mails rapporteurs whose reports are due soon or overdue. Run it daily: "
        "each reminder goes out once."
    )

    def handle(self, *args, **options):
        sent = sum(send_reminders(event) for event in sources(EventPage.objects.live()))
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
