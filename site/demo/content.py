"""The demo's site, people, events and programmes, read from `data/` once.

Names as `manage.py seed_demo` uses them; rooms and people are referred to by short
keys, sessions by slug. Each event's file holds its programme and registration.
"""

from convening.demo.loader import read

_site = read("site.yaml")
HOME_INTRO = _site["home_intro"]
SITE_SETTINGS = _site["site_settings"]
SITE_WORDS = _site["site_words"]
ORGANISER = _site["organiser"]
PARTICIPANT_PASSWORD = _site["participant_password"]
ROOMS = read("rooms.yaml")
PEOPLE = read("people.yaml")
# How people take part, by session format.
PARTICIPATION = read("participation.yaml")
EVENTS = [read(f"events/{slug}.yaml") for slug in _site["events"]]
MAIN_FORUM = EVENTS[0]
REGISTRATION = {
    event["slug"]: event["registration"] for event in EVENTS if "registration" in event
}
PARTICIPANTS = read("participants.yaml")
