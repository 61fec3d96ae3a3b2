"""The language a person reads: their profile's, or the site's source language for an
account without a profile. Mails are written in it, whoever or whatever sends them."""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from participants.models import Profile
from toolkit import languages


def language_of(user):
    try:
        language = user.profile.language
    except (AttributeError, Profile.DoesNotExist):
        return settings.LANGUAGE_CODE
    return language if languages.supported(language) else settings.LANGUAGE_CODE


@contextmanager
def writing_to(user):
    """Everything written inside (texts, dates, links) is in `user`'s language."""
    with translation.override(language_of(user)):
        yield
