from django.core.management.base import BaseCommand

from convening import scheduler


class Command(BaseCommand):
    help = (
        "Publishes the pages whose go-live time has come (and unpublishes the expired) "
        "every few seconds, until stopped. Run exactly one per database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=scheduler.EVERY,
            help=f"seconds between rounds (default {scheduler.EVERY})",
        )

    def handle(self, *args, every, **options):
        try:
            scheduler.run(every)
        except KeyboardInterrupt:
            pass
