"""What a session can be followed in, as the forums state it: the language spoken on
the floor, the languages interpreted into (in the room only, or online too), live
captions and sign language. One rule, read by the programme and the session page (in
words and as filters) and by the calendars and frab schedules."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The programme's "Access" filter: what a session offers beyond its floor language.
INTERPRETATION = "interpretation"
ONLINE_INTERPRETATION = "online-interpretation"
CAPTIONS = "captions"
SIGN_LANGUAGE = "sign-language"
ACCESS = [
    (INTERPRETATION, gettext_lazy("Interpretation")),
    (ONLINE_INTERPRETATION, gettext_lazy("Interpretation online")),
    (CAPTIONS, gettext_lazy("Live captions")),
    (SIGN_LANGUAGE, gettext_lazy("Sign language")),
]


def languages_of(session):
    """The session's languages: the programme's prefetched list, else read once and
    kept on the session as that list."""
    if getattr(session, "listed_languages", None) is None:
        session.listed_languages = list(session.languages.all())
    return session.listed_languages


def floor(session):
    """The language spoken on the floor: the one the session names, else its only
    language; with several and none named, none is guessed."""
    languages = languages_of(session)
    if session.floor_language_id:
        return (
            next(
                (lang for lang in languages if lang.pk == session.floor_language_id),
                None,
            )
            or session.floor_language
        )
    return languages[0] if len(languages) == 1 else None


def interpreted(session):
    """The languages interpreted into: the session's others than the floor's. With no
    floor language known, none is said to be interpreted."""
    spoken = floor(session)
    if spoken is None:
        return []
    return [lang for lang in languages_of(session) if lang.pk != spoken.pk]


def access(session):
    """The ACCESS codes the session offers."""
    offered = set()
    if interpreted(session):
        offered.add(INTERPRETATION)
        if session.interpretation_online:
            offered.add(ONLINE_INTERPRETATION)
    if session.captions:
        offered.add(CAPTIONS)
    if session.sign_language:
        offered.add(SIGN_LANGUAGE)
    return offered


def names(languages):
    return ", ".join(str(lang) for lang in languages)


def described(session):
    """The session's languages in sentences (for calendars and the like), in the
    active language; "" when it states none."""
    spoken, others = floor(session), interpreted(session)
    sentences = []
    if spoken:
        sentences.append(_("Spoken in %(language)s.") % {"language": spoken})
    elif languages_of(session):
        sentences.append(
            _("Languages: %(languages)s.") % {"languages": names(languages_of(session))}
        )
    if others:
        where = (
            _("in the room and online")
            if session.interpretation_online
            else _("in the room only")
        )
        sentences.append(
            _("Interpreted into %(languages)s, %(where)s.")
            % {"languages": names(others), "where": where}
        )
    if session.captions:
        sentences.append(_("Live captions."))
    if session.sign_language:
        sentences.append(
            _("Sign language: %(sign_language)s.")
            % {"sign_language": session.sign_language}
        )
    if session.interpretation:
        sentences.append(session.interpretation)
    return " ".join(sentences)
