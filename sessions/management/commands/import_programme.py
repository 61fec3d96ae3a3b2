"""manage.py import_programme EVENT_SLUG FILE.csv [--publish] (rules:
sessions.importer)."""

from django.core.management.base import BaseCommand, CommandError

from events.models import EventPage
from sessions.importer import ImportRefused, import_programme
from toolkit.page_languages import sources

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = (
        "Create and update an event's sessions from a CSV file (one row per session, "
        "matched on its code). If any row is refused, nothing is imported. "
        "Sessions are saved as drafts unless --publish is given. "
        "The columns are described in sessions/importer/__init__.py and "
        "docs/programme-import-example.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug", help="The slug of the event's page.")
        parser.add_argument("csv_file", help="The programme, saved as CSV (UTF-8).")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the sessions created or updated (refused while the event "
            "itself is not published). Without it they are saved as drafts.",
        )

    def handle(self, *args, event_slug, csv_file, publish, **options):
        events = list(sources(EventPage.objects.filter(slug=event_slug))[:2])
        if len(events) != 1:
            slugs = EventPage.objects.order_by("slug").values_list("slug", flat=True)
            known = ", ".join(slugs) or "none yet"
            found = "Several events have" if events else "No event has"
            raise CommandError(
                f"{found} the slug “{event_slug}”. Event slugs: {known}."
            )
        try:
            with open(csv_file, "rb") as file_obj:
                report = import_programme(
                    events[0], file_obj, publish=publish, progress=self.progress
                )
        except OSError as error:
            raise CommandError(f"Cannot read {csv_file}: {error.strerror}.") from None
        except ImportRefused as refusal:
            for problem in refusal.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(refusal)) from None
        for row in report.rows:
            self.stdout.write(str(row))
        self.stdout.write(report.summary())

    def progress(self, done, total):
        if total > PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
            self.stderr.write(f"applied {done}/{total} rows")
