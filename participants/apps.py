from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Participants"

    def ready(self):
        from wagtail.signals import page_published

        from events.models import EventPage
        from participants.signals import fill_new_seats

        page_published.connect(fill_new_seats, sender=EventPage)
