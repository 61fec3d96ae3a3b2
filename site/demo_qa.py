"""Live Q&A for the demo: boards, questions and votes on a few sessions of the upcoming
forum and of the past conference, and the account of the forum's demo moderator.

Questions are written in our own words around the guiding questions and themes of the
issues note on knowledge sharing in multi-stakeholder partnerships. Authors and voters
are demo accounts (by the part of their email before the @) with a confirmed
registration for the event; votes are cast by the event's other confirmed participants
in registration order.
"""

# The moderator of "Existing knowledge-sharing mechanisms" (a person in
# demo_content.PEOPLE) gets an account, so the demo's moderation can be tried.
MODERATOR = {
    "person": "grace",
    "email": "grace.mukamana@example.org",
    "organisation": "Lakes Region Institute of Technology",
    "group": "academia",
    "country": "RW",
    "gender": "woman",
}


def ask(author, text, status="approved", votes=0, **options):
    """One question: options are anonymous, guiding (index of the session's guiding
    question), pinned and reason (why a moderator hid it)."""
    return {"author": author, "text": text, "status": status, "votes": votes, **options}


FORUM = {
    "existing-knowledge-sharing-mechanisms": {
        "status": "open",
        "premoderation": True,
        "questions": [
            ask(
                "amina.diallo",
                "Most partnership websites stop being updated soon after the launch. "
                "Who should be responsible for keeping what a partnership knows "
                "current?",
                votes=9,
                guiding=0,
                pinned=True,
            ),
            ask(
                "wanjiru.kamau",
                "Are there partnerships that publish what did not work, and how did "
                "their members take it?",
                votes=7,
                guiding=1,
            ),
            ask(
                "joseph.otieno",
                "How can community groups without communications staff take part in "
                "these knowledge networks as equals?",
                votes=6,
                anonymous=True,
                guiding=0,
            ),
            ask(
                "priya.raman",
                "Newsletters reach the people who already follow a partnership. What "
                "reaches the ones who do not?",
                status="answered",
                votes=5,
                guiding=0,
            ),
            ask(
                "selam.tadesse",
                "Could partnerships working towards the same goal keep one shared "
                "library instead of each running its own?",
                votes=3,
                guiding=1,
            ),
            ask(
                "jonas.weber",
                "Which of these mechanisms still work for people on slow or expensive "
                "connections?",
                status="pending",
            ),
            ask(
                "chiamaka.obi",
                "What would persuade a company to share data it treats as "
                "commercially sensitive?",
                status="pending",
                anonymous=True,
            ),
            ask(
                "farah.ismail",
                "How do partnerships share knowledge today?",
                status="hidden",
                reason="Already asked: see the pinned question.",
            ),
        ],
    },
    "knowledge-among-and-within-the-sdgs": {
        "status": "open",
        "premoderation": False,
        "questions": [
            ask(
                "lucia.hernandez",
                "Our ministry reports on each goal separately. What would one report "
                "across several goals look like in practice?",
                votes=6,
                guiding=0,
            ),
            ask(
                "viliame.naupoto",
                "Small island states belong to dozens of partnerships at once. How can "
                "they share one set of lessons without reporting to each?",
                votes=5,
                guiding=0,
            ),
            ask(
                "agnieszka.nowak",
                "Who decides which local experience is worth carrying to the global "
                "level?",
                votes=4,
                anonymous=True,
                guiding=1,
            ),
            ask(
                "arief.santoso",
                "Can a village initiative be heard in a global partnership without a "
                "large organisation speaking for it?",
                votes=2,
                guiding=1,
            ),
            ask(
                "maria.delosreyes",
                "Is there a shared way to tag reports and toolkits by SDG target, so "
                "they can be found across partnerships?",
                votes=1,
            ),
        ],
    },
}

# Closed after the sessions. `highlights` are indexes of the questions quoted in the
# session's report; `untaken_published` shows the public the questions not taken.
PAST_CONFERENCE = {
    "why-partner-across-sectors": {
        "status": "closed",
        "premoderation": True,
        "highlights": [0, 2],
        "questions": [
            ask(
                "somchai.wongsa",
                "What does a telecom operator gain from a partnership, beyond good "
                "publicity?",
                status="answered",
                votes=14,
                guiding=0,
            ),
            ask(
                "nurul.hakim",
                "How should a ministry choose between partners who offer the same "
                "thing?",
                status="answered",
                votes=9,
            ),
            ask(
                "keo.sophea",
                "Do community groups get a real say when the money comes from the "
                "other partners?",
                status="answered",
                votes=11,
                anonymous=True,
                guiding=0,
            ),
            ask(
                "emily.tremblay",
                "Could one partnership agreement template serve every sector?",
                votes=3,
            ),
        ],
    },
    "trust-between-partners": {
        "status": "closed",
        "premoderation": True,
        "untaken_published": True,
        "highlights": [0, 1, 2],
        "questions": [
            ask(
                "claudine.uwimana",
                "What should partners agree about each other's data before the first "
                "exchange?",
                status="answered",
                votes=12,
                guiding=0,
            ),
            ask(
                "andrei.popescu",
                "How do you rebuild trust after a partner used shared data for "
                "something else?",
                status="answered",
                votes=8,
                anonymous=True,
            ),
            ask(
                "hiroshi.sato",
                "When did an independent facilitator make the difference, and who paid "
                "for one?",
                votes=6,
                guiding=1,
            ),
            ask(
                "claire.dubois",
                "Should a partnership publish its budget line by line?",
                votes=4,
            ),
        ],
    },
    "skills-and-infrastructure": {
        "status": "closed",
        "premoderation": True,
        "highlights": [0],
        "questions": [
            ask(
                "bounmy.phommachanh",
                "In a rural district, should connectivity or digital literacy be paid "
                "for first?",
                status="answered",
                votes=10,
                guiding=0,
            ),
            ask(
                "anjali.shrestha",
                "How can community radio be part of a digital skills programme?",
                status="answered",
                votes=7,
            ),
            ask(
                "thabo.nkosi",
                "Who trains the trainers once the partnership's programme has ended?",
                votes=5,
            ),
        ],
    },
    "business-models-that-last": {
        "status": "closed",
        "premoderation": True,
        "highlights": [0, 1],
        "questions": [
            ask(
                "andres.restrepo",
                "Which of the services presented paid for themselves within three "
                "years?",
                status="answered",
                votes=9,
                guiding=0,
            ),
            ask(
                "mele.taufa",
                "Is it fair to charge users when the service replaced a free public "
                "one?",
                status="answered",
                votes=6,
                anonymous=True,
            ),
            ask(
                "oliver.hughes",
                "Do open standards make a pilot easier or harder to sell later?",
                votes=2,
            ),
        ],
    },
}

BOARDS = {
    "knowledge-sharing-forum": FORUM,
    "partnerships-conference": PAST_CONFERENCE,
}
