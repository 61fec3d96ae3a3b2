"""The demo forum as plain data, read by `manage.py seed_demo`.

Everything here is invented: people, organisations, venues and quotes are fictional, and
the subjects are retold from the public documents in the project's seeds. Rooms, people
and sessions are referred to by short keys. A session's time is a day offset from its
event's first day plus a local wall-clock time in the event's time zone.
"""

HOME_INTRO = (
    "<p>This site runs forums and workshops on sharing knowledge for sustainable "
    "development. Read the programmes and issue notes, follow sessions online, and "
    "come back afterwards for the outcomes.</p>"
    "<p>Everything shown here is demonstration content: the people and organisations "
    "are fictional.</p>"
)

SITE_SETTINGS = {
    "tagline": "Knowledge for Development Forum",
    "contact_email": "forum@example.org",
    "footer": (
        "Knowledge for Development Forum, a demonstration site. All people and "
        "organisations named here are fictional."
    ),
}

ORGANISER = {"username": "organiser", "email": "organiser@example.org"}

GENEVA = "Lakeside Conference Centre, Geneva"
NAIROBI = "Riverside Learning Centre, Nairobi"
KUALA_LUMPUR = "Harbourfront Convention Centre, Kuala Lumpur"

ROOMS = {
    "plenary": {
        "venue": GENEVA,
        "name": "Plenary Hall",
        "capacity": 600,
        "accessibility": "Step-free access, hearing loop, live captions on screen",
    },
    "room-a": {
        "venue": GENEVA,
        "name": "Room A",
        "capacity": 120,
        "accessibility": "Step-free access, hearing loop",
    },
    "room-b": {
        "venue": GENEVA,
        "name": "Room B",
        "capacity": 80,
        "accessibility": "Step-free access",
    },
    "room-c": {
        "venue": GENEVA,
        "name": "Room C",
        "capacity": 60,
        "accessibility": "Step-free access by the east lift",
    },
    "cafe": {
        "venue": GENEVA,
        "name": "Knowledge Café",
        "capacity": 40,
        "accessibility": "Step-free access, informal seating",
    },
    "nbo-main": {
        "venue": NAIROBI,
        "name": "Main Hall",
        "capacity": 80,
        "accessibility": "Step-free access, hearing loop",
    },
    "nbo-breakout": {
        "venue": NAIROBI,
        "name": "Breakout Room",
        "capacity": 30,
        "accessibility": "Step-free access",
    },
    "kul-auditorium": {
        "venue": KUALA_LUMPUR,
        "name": "Auditorium",
        "capacity": 400,
        "accessibility": "Step-free access, hearing loop",
    },
    "kul-seminar": {
        "venue": KUALA_LUMPUR,
        "name": "Seminar Room",
        "capacity": 60,
        "accessibility": "Step-free access",
    },
}

# key: (name, position, organisation, stakeholder group slug, country, gender)
PEOPLE = {
    "beatrice": (
        "Béatrice Rochat-Imhof",
        "Forum Coordinator",
        "Forum Secretariat for Knowledge and Development",
        "intergovernmental",
        "CH",
        "woman",
    ),
    "ingrid": (
        "Ingrid Solberg-Maas",
        "Head of Digital Cooperation",
        "Ministry of Foreign Affairs",
        "government",
        "SE",
        "woman",
    ),
    "ravi": (
        "Ravi Shankar Menon",
        "Senior Adviser",
        "Department of Telecommunications",
        "government",
        "IN",
        "man",
    ),
    "oksana": (
        "Oksana Petrenko-Hale",
        "Head of e-Government",
        "State Agency for Digital Development",
        "government",
        "UA",
        "woman",
    ),
    "tomas": (
        "Tomás Reyes Villalba",
        "International Cooperation Adviser",
        "Ministry of Science and Technology",
        "government",
        "CO",
        "man",
    ),
    "amina": (
        "Amina Wanjiru Odhiambo",
        "Director of Digital Services",
        "National ICT Agency",
        "government",
        "KE",
        "woman",
    ),
    "aigerim": (
        "Aigerim Seitkali",
        "Head of Digital Skills",
        "Ministry of Digital Development",
        "government",
        "KZ",
        "woman",
    ),
    "jean": (
        "Jean-Baptiste Diallo Mbaye",
        "Programme Officer",
        "Regional Development Commission",
        "intergovernmental",
        "SN",
        "man",
    ),
    "naomi": (
        "Naomi Hoshida",
        "Statistician",
        "Inter-Agency Partnership on ICT Measurement",
        "intergovernmental",
        "JP",
        "woman",
    ),
    "lucas": (
        "Lucas Ferreira Almeida",
        "Knowledge Management Specialist",
        "Regional Development Bank",
        "intergovernmental",
        "BR",
        "man",
    ),
    "helene": (
        "Hélène Vasseur",
        "Senior Policy Analyst",
        "Intergovernmental Organisation for Economic Cooperation",
        "intergovernmental",
        "FR",
        "woman",
    ),
    "nino": (
        "Nino Kapanadze",
        "Coordinator",
        "Regional Telecommunication Union",
        "intergovernmental",
        "GE",
        "woman",
    ),
    "abena": (
        "Abena Owusu-Mensah",
        "Coordinator",
        "Citizens' Connectivity Coalition",
        "civil-society",
        "GH",
        "woman",
    ),
    "diego": (
        "Diego Quispe Mamani",
        "Founder",
        "Andean Community Radio Network",
        "civil-society",
        "PE",
        "man",
    ),
    "sabina": (
        "Sabina Gurung Thapa",
        "Programme Lead",
        "Mountain Digital Rights Forum",
        "civil-society",
        "NP",
        "woman",
    ),
    "samir": (
        "Samir Haddad",
        "Director",
        "Observatory for Digital Rights",
        "civil-society",
        "LB",
        "man",
    ),
    "kai": (
        "Kai Tuilagi",
        "Youth Coordinator",
        "Pacific Youth ICT Collective",
        "civil-society",
        "FJ",
        "undisclosed",
    ),
    "zofia": (
        "Zofia Wiśniewska-Kral",
        "Gender and Technology Advocate",
        "Women in Digital Europe Network",
        "civil-society",
        "PL",
        "woman",
    ),
    "daniel": (
        "Daniel Okonkwo-Bello",
        "Head of Public Policy",
        "Association of Mobile Network Operators",
        "private-sector",
        "NG",
        "man",
    ),
    "carla": (
        "Carla Montenegro Ruiz",
        "Chief Technology Officer",
        "Cordillera Cloud Services",
        "private-sector",
        "CL",
        "woman",
    ),
    "henrik": (
        "Henrik Aaltonen",
        "Partnerships Manager",
        "Northern Lights Data Centres",
        "private-sector",
        "FI",
        "man",
    ),
    "siti": (
        "Siti Rahmawati Harahap",
        "Director of Inclusion",
        "Archipelago Digital Payments",
        "private-sector",
        "ID",
        "woman",
    ),
    "andrei": (
        "Andrei Popescu-Ionescu",
        "Founder",
        "Carpathian Software Cooperative",
        "private-sector",
        "RO",
        "man",
    ),
    "leila": (
        "Leila Ben Salah",
        "Network Engineer",
        "Regional Internet Exchange Association",
        "technical-community",
        "TN",
        "woman",
    ),
    "marco": (
        "Marco Bianchi-Russo",
        "Standards Architect",
        "Open Web Standards Group",
        "technical-community",
        "IT",
        "man",
    ),
    "ana": (
        "Ana Cristina Vargas",
        "Researcher",
        "Network Operators Forum of the Americas",
        "technical-community",
        "MX",
        "woman",
    ),
    "bat": (
        "Bat-Erdene Tsogbadrakh",
        "Chief Engineer",
        "Steppe Internet Exchange",
        "technical-community",
        "MN",
        "man",
    ),
    "aram": (
        "Aram Hovsepyan",
        "Security Lead",
        "Computer Incident Response Network",
        "technical-community",
        "AM",
        "undisclosed",
    ),
    "grace": (
        "Grace Uwase Mukamana",
        "Senior Lecturer in Information Systems",
        "Lakes Region Institute of Technology",
        "academia",
        "RW",
        "woman",
    ),
    "mateo": (
        "Mateo Cárdenas Lozano",
        "Professor of Development Studies",
        "Southern Cone Institute for Policy Research",
        "academia",
        "AR",
        "man",
    ),
    "hannah": (
        "Hannah Kowalczyk-Brandt",
        "Research Fellow",
        "Institute for Knowledge and Development Studies",
        "academia",
        "DE",
        "woman",
    ),
    "farhana": (
        "Farhana Rahman Chowdhury",
        "Associate Professor",
        "Centre for ICT Statistics Research",
        "academia",
        "BD",
        "woman",
    ),
    "nikola": (
        "Nikola Ilić Radović",
        "Lecturer",
        "School of Information Science",
        "academia",
        "RS",
        "man",
    ),
    "marisol": (
        "Marisol Beckford",
        "Editor",
        "Caribbean Development Newswire",
        "media",
        "JM",
        "woman",
    ),
    "karim": (
        "Karim Mansour Farouk",
        "Technology Correspondent",
        "Nile Valley Broadcasting",
        "media",
        "EG",
        "man",
    ),
    "zhang": (
        "Zhang Wenli",
        "Science Reporter",
        "Asia Knowledge Weekly",
        "media",
        "CN",
        "undisclosed",
    ),
    "sam": (
        "Sam Whitford",
        "Producer",
        "Open Airwaves Media Collective",
        "media",
        "CA",
        "other",
    ),
}

UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es", "sgn"]
FULL_INTERPRETATION = (
    "Simultaneous interpretation into the six UN languages, International Sign and "
    "live English captions"
)

# How people take part, by session format; a session may give its own text instead.
PARTICIPATION = {
    "plenary": (
        "<p>Open to all registered participants; no booking needed. The plenary is "
        "streamed with interpretation. Online participants send questions through "
        "the session's Q&amp;A panel, and the online moderator puts the most "
        "supported ones to the speakers.</p>"
    ),
    "high-level": (
        "<p>Speakers open with short statements, followed by a moderated exchange. "
        "Participants in the room and online can ask questions in the Q&amp;A panel; "
        "the moderator groups them by theme.</p>"
    ),
    "panel": (
        "<p>Each speaker opens with five minutes; the rest of the session is "
        "discussion. Questions from the room and from the online Q&amp;A panel are "
        "taken in turn.</p>"
    ),
    "roundtable": (
        "<p>Discussants sit at one table with the audience around them; anyone may "
        "ask for the floor. Online participants raise points in the Q&amp;A panel and "
        "the online moderator voices them.</p>"
    ),
    "workshop": (
        "<p>A working session in small groups; please arrive on time. Online "
        "participants form their own group with the online moderator and report back "
        "in the last fifteen minutes.</p>"
    ),
    "open-forum": (
        "<p>An open discussion with no fixed list of speakers after the opening "
        "remarks. Ask for the floor in the room or post in the Q&amp;A panel.</p>"
    ),
    "side-event": (
        "<p>An informal lunchtime session; seating is limited and first come, first "
        "served. The session is not streamed.</p>"
    ),
}

MAIN_FORUM = {
    "slug": "knowledge-sharing-forum",
    "title": "Forum on Knowledge Sharing for Sustainable Development",
    "kind": "forum",
    # The first Tuesday at least six weeks after the first run.
    "starts_after_days": 42,
    "weekday": 1,
    "days": 3,
    "time_zone": "Europe/Zurich",
    "venue": GENEVA,
    "online_link": "https://example.org/forum/join",
    "summary": (
        "Three days in which governments, international organisations, civil society, "
        "business, the technical community, academia and the media compare how they "
        "share knowledge for the SDGs, and agree on what to do better."
    ),
    "themes": ["sdg-17", "sdg-4", "wsis-c3", "wsis-c4", "wsis-c11"],
    "partners": [
        (
            "Forum Secretariat for Knowledge and Development",
            "https://example.org/secretariat",
            "host",
        ),
        (
            "Alliance of Regional Development Commissions",
            "https://example.org/regional-commissions",
            "co-organiser",
        ),
        (
            "Open Statistics Partnership",
            "https://example.org/open-statistics",
            "partner",
        ),
        (
            "Coalition for Community Connectivity",
            "https://example.org/community-connectivity",
            "partner",
        ),
        (
            "Youth Digital Futures Network",
            "https://example.org/youth-digital",
            "partner",
        ),
    ],
    "body": [
        {"type": "heading", "value": "Why this forum"},
        {
            "type": "paragraph",
            "value": (
                "<p>Partnerships, cooperation programmes and statistical agencies all "
                "hold knowledge that others could use, yet much of it stays where it "
                "was produced. This forum brings together the people who produce, "
                "broker and use that knowledge, so that lessons from one country, "
                "sector or goal can help another.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "text": (
                    "Knowledge grows when it is shared. The hard part is getting it "
                    "to the people who need it, in a form they can use."
                ),
                "source": "From the forum's concept note",
            },
        },
        {"type": "heading", "value": "Three days, five tracks"},
        {
            "type": "paragraph",
            "value": (
                "<ul><li><b>Partnerships and knowledge</b>: how multi-stakeholder "
                "partnerships share what they learn, within and across the SDGs.</li>"
                "<li><b>Cooperation and financing</b>: twenty years of international "
                "cooperation, South-South and triangular exchanges, and the money "
                "that keeps them going.</li>"
                "<li><b>Measurement and data</b>: comparable ICT statistics, open "
                "data and results frameworks.</li>"
                "<li><b>Internet governance and trust</b>: national and regional "
                "dialogues, security, privacy and rights.</li>"
                "<li><b>Emerging technologies and inclusion</b>: artificial "
                "intelligence, the digital divide and climate action.</li></ul>"
            ),
        },
        {"type": "heading", "value": "Taking part"},
        {
            "type": "paragraph",
            "value": (
                "<p>Registration is open to every stakeholder group, with seats "
                "reserved for each. Every session can be followed online, and the "
                "plenaries offer interpretation into the six UN languages and "
                "International Sign. Rapporteurs write up each session, and the "
                "outcome summary is published after the forum.</p>"
            ),
        },
    ],
}

WORKSHOP = {
    "slug": "knowledge-brokering-workshop",
    "title": "Workshop on Brokering Knowledge Exchanges",
    "kind": "workshop",
    # The first Wednesday about three months after the first run.
    "starts_after_days": 91,
    "weekday": 2,
    "days": 1,
    "time_zone": "Africa/Nairobi",
    "venue": NAIROBI,
    "online_link": "https://example.org/brokering-workshop/join",
    "summary": (
        "A one-day workshop for people who organise exchanges between countries: how "
        "to state a need, find the peers who have met it, choose a format and follow "
        "the results."
    ),
    "themes": ["sdg-17", "wsis-c4", "wsis-c11"],
    "partners": [
        ("Riverside Learning Centre", "https://example.org/riverside", "host"),
        (
            "Forum Secretariat for Knowledge and Development",
            "https://example.org/secretariat",
            "co-organiser",
        ),
    ],
    "body": [
        {"type": "heading", "value": "About the workshop"},
        {
            "type": "paragraph",
            "value": (
                "<p>Exchanges between peers often fail before they start, because "
                "the people who need an answer never meet the people who have one. "
                "This workshop follows one exchange from beginning to end, with "
                "exercises at every step. It suits staff of ministries, agencies and "
                "networks who arrange study visits, peer reviews or online "
                "communities.</p>"
            ),
        },
    ],
}

PAST_CONFERENCE = {
    "slug": "partnerships-conference",
    "title": "Conference on Multi-Stakeholder Partnerships for Digital Development",
    "kind": "conference",
    # The first Tuesday on or after the same date a year before the first run.
    "starts_after_days": -365,
    "weekday": 1,
    "days": 2,
    "time_zone": "Asia/Kuala_Lumpur",
    "venue": KUALA_LUMPUR,
    "online_link": "",
    "summary": (
        "Two days on what makes partnerships between government, business and civil "
        "society work for ICT in development, and what they are not."
    ),
    "themes": ["sdg-17", "sdg-9", "wsis-c1"],
    "partners": [
        (
            "Regional Network for Digital Development",
            "https://example.org/regional-network",
            "host",
        ),
        (
            "Forum Secretariat for Knowledge and Development",
            "https://example.org/secretariat",
            "partner",
        ),
    ],
    "body": [
        {"type": "heading", "value": "About the conference"},
        {
            "type": "paragraph",
            "value": (
                "<p>Practitioners from every sector met to compare partnerships "
                "that had lasted with those that had not. The discussion kept "
                "returning to the same conditions: shared risk and benefit, open "
                "talk about each partner's interests, and patience.</p>"
            ),
        },
    ],
}

MAIN_FORUM["sessions"] = [
    # Day 1
    {
        "code": "KS-01",
        "slug": "opening-plenary",
        "title": "Opening plenary: knowledge as a common resource for development",
        "day": 0,
        "at": "09:30",
        "minutes": 60,
        "room": "plenary",
        "track": "Plenary",
        "format": "plenary",
        "languages": UN_LANGUAGES,
        "interpretation": FULL_INTERPRETATION,
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "The hosts open the forum and set out its three days; a speaker from "
            "each of four stakeholder groups says what they hope to take home."
        ),
        "background": (
            "<p>Knowledge creates value only when it reaches people who can use it. "
            "The opening plenary frames the forum around that idea: partnerships, "
            "international cooperation and measurement are all ways of moving "
            "experience to where it is needed.</p>"
            "<p>Each speaker names one lesson their community learned the hard way "
            "and one question they want the forum to answer.</p>"
        ),
        "questions": [
            "What does each stakeholder group expect to take away from these three "
            "days?",
            "Which lessons about sharing knowledge have been hardest to learn?",
        ],
        "moderator": "beatrice",
        "online_moderator": "kai",
        "speakers": ["ingrid", "jean", "abena", "daniel"],
        "rapporteur": "hannah",
    },
    {
        "code": "KS-02",
        "slug": "twenty-years-of-cooperation",
        "title": "Twenty years of cooperation on ICT for development",
        "day": 0,
        "at": "11:00",
        "minutes": 90,
        "room": "plenary",
        "track": "Cooperation and financing",
        "format": "high-level",
        "languages": UN_LANGUAGES,
        "interpretation": FULL_INTERPRETATION,
        "themes": ["sdg-17", "wsis-c1", "wsis-c11"],
        "summary": (
            "Leaders look back over two decades of cooperation, from the first joint "
            "mechanisms to the arrival of artificial intelligence, and ask what "
            "should change next."
        ),
        "background": (
            "<p>Cooperation on ICT for development has passed through recognisable "
            "phases. The early years went into setting up mechanisms and raising "
            "funds; the next brought thematic partnerships and a wave of "
            "multi-stakeholder platforms. Since 2015 the work has lined up behind "
            "the SDGs and turned to emerging technologies, and artificial "
            "intelligence now shapes much of the agenda.</p>"
            "<p>UN agencies, development banks, industry and civil society "
            "associations have all contributed through joint programmes, meetings "
            "and shared tools. This dialogue asks which arrangements delivered and "
            "which should be retired.</p>"
        ),
        "questions": [
            "Which cooperation mechanisms of the last two decades are worth keeping, "
            "and which have outlived their purpose?",
            "How should priorities differ between countries at very different stages "
            "of ICT development?",
            "What would let cooperation adapt faster when technology changes?",
        ],
        "moderator": "helene",
        "online_moderator": "sam",
        "speakers": ["ravi", "oksana", "lucas", "carla"],
        "rapporteur": "nikola",
    },
    {
        "code": "KS-03",
        "slug": "existing-knowledge-sharing-mechanisms",
        "title": (
            "Existing knowledge-sharing mechanisms of multi-stakeholder partnerships"
        ),
        "day": 0,
        "at": "11:00",
        "minutes": 90,
        "room": "room-a",
        "track": "Partnerships and knowledge",
        "format": "panel",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-17", "wsis-c3"],
        "summary": (
            "A stocktaking of how partnerships working for sustainable development "
            "share what they know today, and of the gaps that remain."
        ),
        "background": (
            "<p>Organisations form partnerships to achieve more, and faster, than "
            "they could alone. Pooling resources lets them concentrate on one theme "
            "or goal, and a partnership soon becomes a place where knowledge on its "
            "subject gathers and spreads. Partnerships vary widely in size, "
            "membership and structure, and those differences shape how they share "
            "what they learn.</p>"
            "<p>Many already run working channels: most pass on news and updates "
            "about their field, and some publish studies, reports and deeper "
            "analysis. This session takes stock of those mechanisms and practices "
            "and looks for the gaps and difficulties that remain as the post-2015 "
            "agenda takes hold.</p>"
        ),
        "questions": [
            "By what means do multi-stakeholder partnerships share knowledge today, "
            "and what patterns stand out in how they do it?",
            "Which practices for sharing knowledge within and between partnerships "
            "are gaining ground, and which deserve to be copied?",
        ],
        "moderator": "grace",
        "online_moderator": "zhang",
        "speakers": ["sabina", "marco", "siti"],
        "rapporteur": "farhana",
    },
    {
        "code": "KS-04",
        "slug": "measuring-the-information-society",
        "title": "Measuring the information society: comparable ICT statistics",
        "day": 0,
        "at": "11:00",
        "minutes": 90,
        "room": "room-b",
        "track": "Measurement and data",
        "format": "panel",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-9", "sdg-17", "wsis-c11"],
        "summary": (
            "How an inter-agency partnership pooled staff and budgets to produce "
            "comparable ICT statistics, what it achieved, and where data are still "
            "missing."
        ),
        "background": (
            "<p>Comparable ICT statistics were among the summit's first requests: "
            "without them, nobody can tell whether the information society is "
            "growing, or for whom. An inter-agency partnership took on the task, "
            "combining people and money so that agencies stopped duplicating each "
            "other and could reach more countries.</p>"
            "<p>Indicators are now widely published and increasingly collected by "
            "national offices, with household surveys the area of greatest progress. "
            "Gaps remain where statistical capacity is thin.</p>"
        ),
        "questions": [
            "Which indicators do policy makers actually use, and which are collected "
            "but rarely read?",
            "Where are the largest gaps in comparable ICT data, and who should fill "
            "them?",
        ],
        "moderator": "mateo",
        "speakers": ["naomi", "amina", "aigerim"],
        "rapporteur": "marisol",
    },
    {
        "code": "KS-05",
        "slug": "small-grants-big-lessons",
        "title": "Small grants, big lessons: seed funding for young organisations",
        "day": 0,
        "at": "13:00",
        "minutes": 60,
        "room": "cafe",
        "track": "Partnerships and knowledge",
        "format": "side-event",
        "languages": ["en", "fr"],
        "interpretation": "",
        "themes": ["sdg-1", "sdg-5", "wsis-c4"],
        "summary": (
            "Recipients of small grants for community ICT projects tell what worked "
            "and what did not, with gender analysis built in from planning to "
            "evaluation."
        ),
        "background": (
            "<p>Small grants let new civil society groups try ICT-based ideas on the "
            "ground, often together with local authorities or businesses. Building "
            "gender analysis into every stage, from planning to evaluation, has "
            "taught the funders as much as the projects themselves.</p>"
            "<p>Each recipient brings one success, one failure and one thing they "
            "would do differently.</p>"
        ),
        "questions": [
            "What can a very small grant achieve that a large programme cannot?",
            "How can funders learn from projects that did not work?",
        ],
        "moderator": "abena",
        "speakers": ["diego", "zofia", "kai"],
        "rapporteur": "karim",
    },
    {
        "code": "KS-06",
        "slug": "knowledge-among-and-within-the-sdgs",
        "title": "Sharing and building knowledge among and within the SDGs",
        "day": 0,
        "at": "14:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Partnerships and knowledge",
        "format": "roundtable",
        "languages": ["en", "es"],
        "interpretation": "English–Spanish interpretation",
        "themes": ["sdg-17", "wsis-c3", "wsis-c11"],
        "summary": (
            "With goals that apply to every country and sector, how can partnerships "
            "share expertise across the SDGs rather than only within their own?"
        ),
        "background": (
            "<p>Partnerships have long helped put sustainable development into "
            "practice, but the negotiations on the post-2015 agenda gave them new "
            "weight, multi-stakeholder partnerships above all. The Open Working "
            "Group's report of July 2014 linked the success of the goals to a global "
            "partnership in which governments work actively with civil society, "
            "business and the United Nations system.</p>"
            "<p>The SDGs apply to all countries and all sectors. As the agenda moves "
            "from targets aimed at developing countries to a framework for everyone, "
            "this session asks how partnerships can share and build expertise across "
            "goals, not just within the one they were set up for.</p>"
        ),
        "questions": [
            "How can partnerships step outside single-goal silos and work across "
            "several SDGs at once?",
            "What are the most effective ways for a partnership to carry its "
            "institutional knowledge and expertise onto the global stage?",
        ],
        "moderator": "jean",
        "online_moderator": "kai",
        "speakers": ["tomas", "leila", "hannah", "samir"],
        "rapporteur": "ana",
    },
    {
        "code": "KS-07",
        "slug": "many-mandates-one-effort",
        "title": "Many mandates, one effort: coordinating international organisations",
        "day": 0,
        "at": "14:30",
        "minutes": 90,
        "room": "room-b",
        "track": "Cooperation and financing",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "A working session on how agencies with different mandates and "
            "priorities can talk early, divide the work and avoid duplication."
        ),
        "background": (
            "<p>International and regional organisations each answer to their own "
            "mandate, governing bodies and priorities. Bringing them together is "
            "hard, and without clear channels for communication and joint work, "
            "efforts overlap while gaps go unnoticed.</p>"
            "<p>Participants map who does what on one shared problem and draft "
            "practical rules for dividing the work.</p>"
        ),
        "questions": [
            "What stops agencies from sharing plans early enough to avoid duplication?",
            "Which coordination mechanisms have actually reduced overlap?",
            "How can smaller regional bodies be heard alongside large global agencies?",
        ],
        "moderator": "helene",
        "speakers": ["nino", "lucas", "ingrid"],
        "rapporteur": "grace",
    },
    {
        "code": "KS-08",
        "slug": "national-and-regional-igf-initiatives",
        "title": "National and regional IGF initiatives: dialogue close to home",
        "day": 0,
        "at": "14:30",
        "minutes": 90,
        "room": "room-c",
        "track": "Internet governance and trust",
        "format": "open-forum",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-16", "wsis-c1", "wsis-c6"],
        "summary": (
            "Organisers of national and regional Internet governance forums compare "
            "how they bring every stakeholder to the table and feed results into "
            "decisions."
        ),
        "background": (
            "<p>The Internet Governance Forum has become a lasting space for open "
            "policy dialogue in which all stakeholders meet as equals. Beyond the "
            "annual global meeting, more than thirty national and regional "
            "initiatives carry the same model into local debates.</p>"
            "<p>Their value lies less in the meetings than in how conclusions reach "
            "the institutions that decide. This open forum gathers experience from "
            "several initiatives.</p>"
        ),
        "questions": [
            "How do national and regional initiatives make sure that governments, "
            "business, civil society and the technical community all take part?",
            "Which routes have carried local discussions into actual policy decisions?",
        ],
        "moderator": "sabina",
        "speakers": ["bat", "abena", "aram", "marisol"],
        "rapporteur": "zhang",
    },
    {
        "code": "KS-09",
        "slug": "trust-online",
        "title": "Trust online: security, privacy and human rights",
        "day": 0,
        "at": "16:30",
        "minutes": 90,
        "room": "plenary",
        "track": "Internet governance and trust",
        "format": "panel",
        "languages": ["en", "fr", "es"],
        "interpretation": "English, French and Spanish interpretation",
        "themes": ["sdg-16", "wsis-c5", "wsis-c10"],
        "summary": (
            "Speakers weigh security against privacy and freedom of expression, and "
            "ask how Internet users' trust can be rebuilt."
        ),
        "background": (
            "<p>As the network has become the backbone of economic and social life, "
            "its risks have grown with it. Online crime has risen sharply, "
            "revelations of mass surveillance have pushed Internet governance up the "
            "diplomatic agenda, and rights online remain contested.</p>"
            "<p>The panel looks at how states, companies and civil society can "
            "protect users while respecting their rights, and how the institutions "
            "involved can become more open and responsive.</p>"
        ),
        "questions": [
            "Where should the line fall between national security measures and the "
            "right to privacy?",
            "What would it take to restore users' trust after surveillance "
            "revelations?",
            "How can Internet governance institutions become more open and "
            "transparent?",
        ],
        "moderator": "karim",
        "online_moderator": "sam",
        "speakers": ["samir", "aram", "oksana", "henrik"],
        "rapporteur": "hannah",
    },
    {
        "code": "KS-10",
        "slug": "gender-and-ict-evaluation",
        "title": "Gender and ICT: evaluating projects through a gender lens",
        "day": 0,
        "at": "16:30",
        "minutes": 90,
        "room": "room-c",
        "track": "Partnerships and knowledge",
        "format": "workshop",
        "languages": ["en", "es"],
        "interpretation": "",
        "themes": ["sdg-5", "wsis-c4"],
        "summary": (
            "A hands-on session on evaluation methods that show whether ICT projects "
            "serve women and men equally."
        ),
        "background": (
            "<p>Projects that ignore gender often widen the gaps they meant to close. "
            "Evaluation methods with a gender lens help teams see who benefits and "
            "who is left out, and they have been tried by project teams on several "
            "continents.</p>"
            "<p>Participants work through a short case and try one tool on their own "
            "projects.</p>"
        ),
        "questions": [
            "What evidence shows whether an ICT project reaches women as well as men?",
            "How can gender analysis start at the planning stage rather than be "
            "added at the end?",
        ],
        "moderator": "zofia",
        "speakers": ["siti", "grace", "farhana"],
        "rapporteur": "nino",
    },
    # Day 2
    {
        "code": "KS-11",
        "slug": "designing-a-knowledge-sharing-framework",
        "title": (
            "Designing a knowledge-sharing framework for partnerships in the "
            "post-2015 era"
        ),
        "day": 1,
        "at": "09:30",
        "minutes": 90,
        "room": "plenary",
        "track": "Partnerships and knowledge",
        "format": "high-level",
        "languages": UN_LANGUAGES,
        "interpretation": FULL_INTERPRETATION,
        "themes": ["sdg-16", "sdg-17", "wsis-c3"],
        "summary": (
            "What would a global framework for partnerships to share knowledge look "
            "like, one that empowers stakeholders and improves implementation "
            "through transparency?"
        ),
        "background": (
            "<p>A partnership usually announces itself with enthusiasm at its launch, "
            "but its public record is seldom updated afterwards, often only once the "
            "work is over. Few partnerships adjust how they are managed as they "
            "learn, and fewer still report what went wrong. The organisation's own "
            "website remains by far the main channel for publishing information and "
            "sharing knowledge.</p>"
            "<p>Because the SDGs are universal, the knowledge that partnerships "
            "gather must travel as widely as possible, and transparency and access "
            "to enabling technologies will matter more. This dialogue asks what a "
            "global framework for sharing partnerships' knowledge and expertise "
            "could look like.</p>"
        ),
        "questions": [
            "Can one knowledge framework be genuinely global and still leave no "
            "partnership out?",
            "How could a framework be useful to stakeholders beyond a partnership's "
            "own members without piling reporting duties on the partnership?",
            "How should such a framework follow and assess progress towards the SDGs?",
        ],
        "moderator": "beatrice",
        "online_moderator": "kai",
        "speakers": ["ravi", "lucas", "abena", "marco"],
        "rapporteur": "mateo",
    },
    {
        "code": "KS-12",
        "slug": "brokering-knowledge",
        "title": (
            "Brokering knowledge: matching what countries need with what others know"
        ),
        "day": 1,
        "at": "09:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Cooperation and financing",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "How brokers connect those seeking knowledge with peers who have solved "
            "similar problems, at a cost both sides can bear."
        ),
        "background": (
            "<p>Knowledge exchanges often stall on matchmaking. Those seeking "
            "knowledge may struggle to say what they need, and those who have it may "
            "not know anyone is looking. Brokers that are trusted, impartial and "
            "driven by demand can close the gap and let practitioners reach each "
            "other directly.</p>"
            "<p>Participants map the bottlenecks in their own exchanges and test a "
            "simple brokering checklist.</p>"
        ),
        "questions": [
            "What makes a broker credible to both sides of an exchange?",
            "How can a country build the capacity to say clearly what knowledge it "
            "needs?",
            "Which bottlenecks sit on the demand side, and which on the supply side?",
        ],
        "moderator": "hannah",
        "speakers": ["tomas", "jean", "daniel"],
        "rapporteur": "farhana",
    },
    {
        "code": "KS-13",
        "slug": "south-south-and-triangular-cooperation",
        "title": "South-South and triangular cooperation: peers learning from peers",
        "day": 1,
        "at": "09:30",
        "minutes": 90,
        "room": "room-b",
        "track": "Cooperation and financing",
        "format": "panel",
        "languages": ["en", "es", "pt"],
        "interpretation": "Interpretation between English, Spanish and Portuguese",
        "themes": ["sdg-10", "sdg-17", "wsis-c11"],
        "summary": (
            "Practitioners from several regions discuss exchanges between developing "
            "countries, and what a third partner adds when it joins."
        ),
        "background": (
            "<p>Development experience now flows in many directions. Middle-income "
            "countries increasingly pass on what they have learned, and triangular "
            "arrangements bring in a traditional donor or an international "
            "organisation to support the exchange with funds, expertise or "
            "logistics.</p>"
            "<p>The panel compares cases in which peers worked together on a "
            "concrete reform and asks what made the learning last.</p>"
        ),
        "questions": [
            "What makes a peer exchange between developing countries succeed where "
            "conventional technical assistance did not?",
            "When does a third partner help, and when does it get in the way?",
        ],
        "moderator": "grace",
        "online_moderator": "zhang",
        "speakers": ["amina", "diego", "aigerim", "nikola"],
        "rapporteur": "marisol",
    },
    {
        "code": "KS-14",
        "slug": "financing-knowledge-sharing",
        "title": "Financing knowledge sharing for the long term",
        "day": 1,
        "at": "11:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Cooperation and financing",
        "format": "roundtable",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-8", "sdg-17", "wsis-c11"],
        "summary": (
            "Funders and practitioners discuss how to move from one-off activities "
            "to predictable funding that keeps knowledge sharing going."
        ),
        "background": (
            "<p>Money for knowledge sharing is scarce and often tied to single "
            "events such as a study tour or a workshop. Without predictable "
            "medium-term funding, programmes end just as they begin to show results, "
            "and competing priorities and tight donor budgets make matters "
            "worse.</p>"
            "<p>The roundtable considers pooled funds, cost sharing and in-kind "
            "contributions as ways to spread both the burden and the sense of "
            "ownership.</p>"
        ),
        "questions": [
            "How can funders support knowledge sharing over several years rather "
            "than one event at a time?",
            "Which cost-sharing arrangements give every partner a stake in the result?",
            "Which new financing models have worked for ICT for development?",
        ],
        "moderator": "ingrid",
        "speakers": ["lucas", "carla", "samir"],
        "rapporteur": "ana",
    },
    {
        "code": "KS-15",
        "slug": "household-surveys-and-core-indicators",
        "title": "Household surveys and the core list of ICT indicators",
        "day": 1,
        "at": "11:30",
        "minutes": 90,
        "room": "room-b",
        "track": "Measurement and data",
        "format": "workshop",
        "languages": ["en", "ru"],
        "interpretation": "English–Russian interpretation",
        "themes": ["sdg-4", "sdg-17", "wsis-c4"],
        "summary": (
            "Statisticians share methods for collecting ICT data through household "
            "surveys and for training national teams."
        ),
        "background": (
            "<p>Household surveys account for most of the recent progress in ICT "
            "statistics, yet many national offices lack the staff or budget to run "
            "them regularly. Writing ICT into national statistical strategies and "
            "regional work programmes helps secure both.</p>"
            "<p>The workshop walks through the core indicators, common mistakes in "
            "survey design and ways to assess training needs.</p>"
        ),
        "questions": [
            "Which questions on ICT use belong in every national household survey?",
            "How can regional programmes help offices with little statistical "
            "capacity?",
        ],
        "moderator": "naomi",
        "speakers": ["farhana", "aigerim", "bat"],
        "rapporteur": "nikola",
    },
    {
        "code": "KS-16",
        "slug": "open-data-with-quality",
        "title": "Open data with quality: standards, disclosure and publishing",
        "day": 1,
        "at": "11:30",
        "minutes": 90,
        "room": "room-c",
        "track": "Measurement and data",
        "format": "open-forum",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-9", "sdg-16", "wsis-c3"],
        "summary": (
            "An open discussion on publishing ICT data that are comparable, well "
            "documented and safe to disclose."
        ),
        "background": (
            "<p>Open data help only if users can trust and compare them. Agreed "
            "standards and definitions, careful rules on disclosure and clear "
            "publishing practice make the difference between a useful dataset and a "
            "misleading one.</p>"
            "<p>Data producers and users say what they need from each other.</p>"
        ),
        "questions": [
            "What documentation do users need before they can rely on a dataset?",
            "How can publishers protect privacy without withholding useful data?",
        ],
        "moderator": "marco",
        "online_moderator": "sam",
        "speakers": ["leila", "hannah", "karim"],
        "rapporteur": "sabina",
    },
    {
        "code": "KS-17",
        "slug": "collecting-success-stories",
        "title": "Collecting success stories: what awards teach about ICT projects",
        "day": 1,
        "at": "13:15",
        "minutes": 60,
        "room": "cafe",
        "track": "Partnerships and knowledge",
        "format": "side-event",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-1", "sdg-8", "wsis-c7"],
        "summary": (
            "Past winners and jurors explain how recognition programmes gather "
            "stories from the ground and help local champions grow."
        ),
        "background": (
            "<p>Awards for community ICT initiatives do more than recognise good "
            "work. Each application is a snapshot of how a project learned and "
            "adapted, and together they form a record of what works locally. "
            "Winners also gain visibility that helps them find partners and "
            "funding.</p>"
        ),
        "questions": [
            "How can the stories gathered through awards be made useful to others?",
            "What support helps a small winning project grow or be copied elsewhere?",
        ],
        "moderator": "marisol",
        "speakers": ["siti", "kai", "diego"],
        "rapporteur": "zofia",
    },
    {
        "code": "KS-18",
        "slug": "ai-for-development",
        "title": "Artificial intelligence for development without widening the divide",
        "day": 1,
        "at": "14:30",
        "minutes": 90,
        "room": "plenary",
        "track": "Emerging technologies and inclusion",
        "format": "panel",
        "languages": ["en", "fr", "es"],
        "interpretation": "English, French and Spanish interpretation",
        "themes": ["sdg-9", "sdg-10", "wsis-c7", "wsis-c10"],
        "summary": (
            "Can AI help countries reach the SDGs, or will it deepen the gap between "
            "those who build it and those who only use it?"
        ),
        "background": (
            "<p>Artificial intelligence is the newest item on the cooperation agenda, "
            "and it is arriving faster than most institutions can adapt. Used well, "
            "it could improve public services, farming and health care; used "
            "carelessly, it could concentrate the benefits in a few countries and "
            "companies.</p>"
            "<p>The panel discusses how shared knowledge and capacity building can "
            "help every country use the technology on its own terms.</p>"
        ),
        "questions": [
            "What capacity does a country need before it can use AI in public "
            "services?",
            "How can knowledge about AI be shared so that it narrows rather than "
            "widens the digital divide?",
            "Which safeguards should accompany AI systems shared across borders?",
        ],
        "moderator": "helene",
        "online_moderator": "zhang",
        "speakers": ["andrei", "leila", "ravi", "mateo"],
        "rapporteur": "karim",
    },
    {
        "code": "KS-19",
        "slug": "digital-divide-within-countries",
        "title": "Bridging the digital divide within countries",
        "day": 1,
        "at": "14:30",
        "minutes": 90,
        "room": "room-c",
        "track": "Emerging technologies and inclusion",
        "format": "roundtable",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-9", "sdg-10", "wsis-c2"],
        "summary": (
            "How to make sure that international cooperation reaches rural areas, "
            "poorer households and communities that are still offline."
        ),
        "background": (
            "<p>Gaps in connectivity and skills exist not only between countries but "
            "within them. Cooperation that benefits capital cities and connected "
            "groups can leave remote and poorer communities further behind. Pooling "
            "resources to reach underserved areas, and using new technologies where "
            "they fit, are two of the remedies on the table.</p>"
        ),
        "questions": [
            "How can cooperation programmes be designed to reach people who are "
            "still offline?",
            "Which technologies have lowered the cost of reaching remote communities?",
        ],
        "moderator": "abena",
        "speakers": ["daniel", "sabina", "tomas", "bat"],
        "rapporteur": "grace",
    },
    {
        "code": "KS-20",
        "slug": "what-a-partnership-is-not",
        "title": "What a multi-stakeholder partnership is, and what it is not",
        "day": 1,
        "at": "16:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Partnerships and knowledge",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-17", "wsis-c1"],
        "summary": (
            "A practical workshop that tells genuine partnerships apart from "
            "contracts, conventional public-private deals and token consultation."
        ),
        "background": (
            "<p>The label 'multi-stakeholder partnership' is stuck on many "
            "arrangements that do not earn it. A genuine partnership shares "
            "resources, risk and responsibility. It is not a client with a "
            "contractor, a transfer of risk from government to business, or a "
            "consultation in which some voices have no say over the agenda.</p>"
            "<p>Partnerships work best when each partner's interests are stated "
            "openly and when they rest on trust, respect and enough common ground. "
            "Participants test real examples against these conditions.</p>"
        ),
        "questions": [
            "What distinguishes a genuine partnership from a contract or a "
            "conventional public-private deal?",
            "How much common ground do partners need before they can work together?",
            "When does independent facilitation make the difference?",
        ],
        "moderator": "jean",
        "speakers": ["henrik", "zofia", "nikola"],
        "rapporteur": "hannah",
    },
    {
        "code": "KS-21",
        "slug": "young-innovators",
        "title": "Young innovators in the information society",
        "status": "cancelled",
        "day": 1,
        "at": "16:30",
        "minutes": 90,
        "room": "room-b",
        "track": "Emerging technologies and inclusion",
        "format": "side-event",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-4", "sdg-8", "wsis-c4"],
        "summary": (
            "Young social entrepreneurs were to present their ICT ventures and "
            "discuss the mentoring and finance they need."
        ),
        "background": (
            "<p>Young people are often the first to take up new technologies and "
            "adapt them to local needs. This side event was to present ventures led "
            "by young social entrepreneurs. The organisers hope to hold it at a "
            "later forum.</p>"
        ),
        "questions": [
            "What support do young social entrepreneurs need besides money?",
        ],
        "moderator": "kai",
        "speakers": ["sam", "ana"],
        "rapporteur": "diego",
    },
    # Day 3
    {
        "code": "KS-22",
        "slug": "results-frameworks-for-knowledge-sharing",
        "title": "Results frameworks for knowledge sharing: measuring what changes",
        "day": 2,
        "at": "09:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Measurement and data",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-17", "wsis-c4"],
        "summary": (
            "Few exchanges track what they achieve. This workshop builds a simple "
            "results framework that follows capacity and impact over time."
        ),
        "background": (
            "<p>Most knowledge-sharing activities are judged by attendance, not by "
            "what changed afterwards. Very few follow intermediate capacity outcomes "
            "or development impact, which makes it hard to decide what to scale "
            "up.</p>"
            "<p>Participants draft a results chain for one exchange, from first "
            "contact to a change in policy or service delivery, and choose "
            "indicators they could realistically collect.</p>"
        ),
        "questions": [
            "What evidence would show that a knowledge exchange changed practice?",
            "How can monitoring stay light enough that small programmes will "
            "actually do it?",
        ],
        "moderator": "mateo",
        "speakers": ["naomi", "grace", "oksana"],
        "rapporteur": "farhana",
    },
    {
        "code": "KS-23",
        "slug": "harmonising-ict-policies",
        "title": "Harmonising ICT policies for an enabling environment",
        "day": 2,
        "at": "09:30",
        "minutes": 90,
        "room": "room-b",
        "track": "Internet governance and trust",
        "format": "panel",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-9", "wsis-c6"],
        "summary": (
            "Regulators and officials discuss how inconsistent national rules hold "
            "back cooperation, and where harmonisation is worth the effort."
        ),
        "background": (
            "<p>Diverging national policies and regulations on ICT make cross-border "
            "collaboration and knowledge sharing harder than they need to be. "
            "Policies developed together create a better climate for investment and "
            "joint work.</p>"
            "<p>The panel reviews regional harmonisation efforts and what is best "
            "left to national choice.</p>"
        ),
        "questions": [
            "Which differences in national ICT rules most hinder cooperation?",
            "Where does regional harmonisation add value, and where should countries "
            "keep their own approach?",
        ],
        "moderator": "nino",
        "speakers": ["amina", "henrik", "tomas", "helene"],
        "rapporteur": "ana",
    },
    {
        "code": "KS-24",
        "slug": "cybersecurity-and-digital-trust",
        "title": "Cybersecurity and digital trust in the decade ahead",
        "day": 2,
        "at": "09:30",
        "minutes": 90,
        "room": "room-c",
        "track": "Internet governance and trust",
        "format": "open-forum",
        "languages": ["en", "zh"],
        "interpretation": "English–Chinese interpretation",
        "themes": ["sdg-16", "wsis-c5"],
        "summary": (
            "An open forum on shared responses to online threats, from incident "
            "response teams to the protection of children online."
        ),
        "background": (
            "<p>Online threats change quickly and cross borders easily, so no "
            "country can respond alone. Incident response teams, information sharing "
            "between sectors and attention to vulnerable users such as children are "
            "all part of the answer.</p>"
        ),
        "questions": [
            "How can incident response teams in different countries share "
            "information quickly and safely?",
            "How can children be protected online without cutting them off from "
            "knowledge?",
        ],
        "moderator": "aram",
        "online_moderator": "kai",
        "speakers": ["samir", "carla", "zhang"],
        "rapporteur": "marisol",
    },
    {
        "code": "KS-25",
        "slug": "icts-and-climate-action",
        "title": "ICTs and climate action",
        "day": 2,
        "at": "11:30",
        "minutes": 90,
        "room": "plenary",
        "track": "Emerging technologies and inclusion",
        "format": "panel",
        "languages": ["en", "fr", "es"],
        "interpretation": "English, French and Spanish interpretation",
        "themes": ["sdg-7", "sdg-13", "wsis-c7"],
        "summary": (
            "How digital tools can support climate adaptation and mitigation, and "
            "how the sector can shrink its own footprint."
        ),
        "background": (
            "<p>Climate action is one of the global challenges on which the next "
            "decade of cooperation is expected to focus. Digital tools help with "
            "early warning, monitoring and efficient energy use, while data centres "
            "and networks must cut their own emissions.</p>"
        ),
        "questions": [
            "Which digital tools have proved most useful for climate adaptation in "
            "vulnerable communities?",
            "How can the ICT sector reduce its own footprint while widening access?",
        ],
        "moderator": "ingrid",
        "online_moderator": "sam",
        "speakers": ["andrei", "sabina", "diego", "bat"],
        "rapporteur": "karim",
    },
    {
        "code": "KS-26",
        "slug": "country-capacity",
        "title": "Country capacity: institutions that learn and share",
        "day": 2,
        "at": "11:30",
        "minutes": 90,
        "room": "room-a",
        "track": "Cooperation and financing",
        "format": "roundtable",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-16", "sdg-17", "wsis-c4"],
        "summary": (
            "How governments can build lasting institutions to organise, coordinate "
            "and learn from the knowledge exchanges they take part in."
        ),
        "background": (
            "<p>Scaling up knowledge sharing depends on sound institutions at home. "
            "Governments that set a strategy, name focal points and invest in "
            "systems rather than in individual staff are better placed both to offer "
            "experience and to absorb it.</p>"
            "<p>The paperwork and logistics of exchanges often overwhelm the "
            "institutions that run them; reliable service providers can take some of "
            "that load.</p>"
        ),
        "questions": [
            "What institutional set-up helps a country coordinate its knowledge "
            "exchanges?",
            "How can capacity be built into systems rather than into individuals "
            "who may move on?",
        ],
        "moderator": "hannah",
        "speakers": ["aigerim", "jean", "leila"],
        "rapporteur": "nikola",
    },
    {
        "code": "KS-27",
        "slug": "rapporteurs-round-up",
        "title": "Rapporteurs' round-up: messages from three days",
        "day": 2,
        "at": "14:30",
        "minutes": 90,
        "room": "plenary",
        "track": "Plenary",
        "format": "plenary",
        "languages": UN_LANGUAGES,
        "interpretation": FULL_INTERPRETATION,
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "Session rapporteurs present the forum's key messages, and participants "
            "test them before they go into the outcome summary."
        ),
        "background": (
            "<p>Every session of the forum has a rapporteur. In this plenary they "
            "present the main points, the areas of agreement and the open questions "
            "from each track. Participants in the room and online can challenge or "
            "add to them before the outcome summary is written.</p>"
        ),
        "questions": [
            "Which messages from the forum have the widest support across "
            "stakeholder groups?",
            "Which questions remain open for next year?",
        ],
        "moderator": "beatrice",
        "online_moderator": "zhang",
        "speakers": ["hannah", "farhana", "marisol", "karim"],
        "rapporteur": "nino",
    },
    {
        "code": "KS-28",
        "slug": "closing-plenary",
        "title": "Closing plenary: commitments for the next decade",
        "day": 2,
        "at": "16:30",
        "minutes": 60,
        "room": "plenary",
        "track": "Plenary",
        "format": "plenary",
        "languages": UN_LANGUAGES,
        "interpretation": FULL_INTERPRETATION,
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "Each stakeholder group states the concrete steps it will take, and the "
            "hosts close the forum."
        ),
        "background": (
            "<p>A forum on knowledge sharing should end with something to share. "
            "Representatives of the stakeholder groups each state one concrete "
            "commitment for the coming year, and the hosts explain how the outcome "
            "summary and session reports will be published.</p>"
        ),
        "questions": [
            "What will each stakeholder group do differently in the year ahead?",
        ],
        "moderator": "beatrice",
        "online_moderator": "kai",
        "speakers": ["ingrid", "ravi", "abena", "daniel"],
        "rapporteur": "grace",
    },
]

WORKSHOP["sessions"] = [
    {
        "code": "WS-01",
        "slug": "stating-the-need",
        "title": "Stating the need: how institutions ask for knowledge",
        "day": 0,
        "at": "09:00",
        "minutes": 90,
        "room": "nbo-main",
        "track": "Brokering",
        "format": "workshop",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-17", "wsis-c4"],
        "summary": (
            "Participants turn a vague wish to learn from others into a request a "
            "broker can act on."
        ),
        "background": (
            "<p>Exchanges go wrong most often at the start, when the institution "
            "asking for help cannot say precisely what it needs. Participants "
            "rewrite a real request until a peer could answer it.</p>"
        ),
        "questions": [
            "What does a good request for knowledge contain?",
            "Who inside an institution should write it?",
        ],
        "moderator": "grace",
        "speakers": ["amina", "tomas"],
        "rapporteur": "farhana",
    },
    {
        "code": "WS-02",
        "slug": "finding-the-experience",
        "title": "Finding the experience: who has solved a similar problem?",
        "day": 0,
        "at": "11:00",
        "minutes": 90,
        "room": "nbo-main",
        "track": "Brokering",
        "format": "roundtable",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "Brokers compare ways of locating peers with relevant experience, from "
            "focal-point networks to case databases."
        ),
        "background": (
            "<p>Much useful experience is never written down; it lives with the "
            "people who did the work. Brokers describe how they find those people "
            "and judge whether their solution will travel.</p>"
        ),
        "questions": [
            "Where does undocumented experience live, and how can it be found?",
            "How can a broker judge whether a solution will work in another context?",
        ],
        "moderator": "jean",
        "speakers": ["naomi", "diego", "siti"],
        "rapporteur": "hannah",
    },
    {
        "code": "WS-03",
        "slug": "choosing-the-format",
        "title": "Choosing the format: study visits, peer reviews, online communities",
        "day": 0,
        "at": "11:00",
        "minutes": 90,
        "room": "nbo-breakout",
        "track": "Formats",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-4", "wsis-c4"],
        "summary": (
            "A practical comparison of exchange formats, their costs and what each "
            "is good for."
        ),
        "background": (
            "<p>A single study visit rarely builds a lasting relationship, while an "
            "online community without any meeting in person may never take off. "
            "Participants design a blend for one exchange.</p>"
        ),
        "questions": [
            "Which combination of formats keeps practitioners in touch after the "
            "first meeting?",
        ],
        "moderator": "abena",
        "speakers": ["leila", "nikola"],
        "rapporteur": "zofia",
    },
    {
        "code": "WS-04",
        "slug": "after-the-exchange",
        "title": "After the exchange: tracking what changed",
        "day": 0,
        "at": "14:00",
        "minutes": 90,
        "room": "nbo-main",
        "track": "Results",
        "format": "workshop",
        "languages": ["en", "fr"],
        "interpretation": "English–French interpretation",
        "themes": ["sdg-17", "wsis-c11"],
        "summary": (
            "How to follow up an exchange so that both sides can see what it changed."
        ),
        "background": (
            "<p>Exchanges are rarely followed up once the visitors have gone home. "
            "This closing session sets out a short follow-up routine that partners "
            "can share.</p>"
        ),
        "questions": [
            "What should partners check six months after an exchange?",
            "How can the results be shared with other countries facing the same "
            "problem?",
        ],
        "moderator": "mateo",
        "speakers": ["oksana", "lucas", "bat"],
        "rapporteur": "marisol",
    },
]

PAST_CONFERENCE["sessions"] = [
    {
        "code": "PC-01",
        "slug": "why-partner-across-sectors",
        "title": "Why partner across sectors? What each sector brings",
        "day": 0,
        "at": "09:30",
        "minutes": 90,
        "room": "kul-auditorium",
        "track": "Partnership basics",
        "format": "plenary",
        "languages": ["en", "zh"],
        "interpretation": "English–Chinese interpretation",
        "themes": ["sdg-17", "wsis-c1"],
        "summary": (
            "Government, business and civil society speakers described the strengths "
            "each brings to a partnership."
        ),
        "background": (
            "<p>Governments can pass enabling laws, set national strategies and fund "
            "public services. Civil society knows communities and can run "
            "participatory planning and evaluation. Business brings management and "
            "technical skills, market know-how and access to credit. The opening "
            "plenary asked how to combine them.</p>"
        ),
        "questions": [
            "Which strengths does each sector bring that the others lack?",
        ],
        "moderator": "beatrice",
        "speakers": ["ravi", "daniel", "abena"],
        "rapporteur": "hannah",
    },
    {
        "code": "PC-02",
        "slug": "trust-between-partners",
        "title": "Trust, respect and open communication between partners",
        "day": 0,
        "at": "11:30",
        "minutes": 90,
        "room": "kul-seminar",
        "track": "Partnership basics",
        "format": "roundtable",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-17"],
        "summary": (
            "Partners discussed how to build working relationships in which "
            "interests and weaknesses are stated openly."
        ),
        "background": (
            "<p>Each partner arrives with its own mandate, interests and "
            "weaknesses. Unless they are acknowledged and there is a way to "
            "negotiate between them, partnerships stall.</p>"
        ),
        "questions": [
            "How can partners talk openly about their own interests?",
            "When is an independent facilitator worth the cost?",
        ],
        "moderator": "sabina",
        "speakers": ["carla", "jean", "zofia"],
        "rapporteur": "nikola",
    },
    {
        "code": "PC-03",
        "slug": "skills-and-infrastructure",
        "title": "Skills, literacy and infrastructure: the foundations of partnerships",
        "day": 0,
        "at": "14:30",
        "minutes": 90,
        "room": "kul-auditorium",
        "track": "Scale and complexity",
        "format": "panel",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-4", "sdg-9", "wsis-c2", "wsis-c4"],
        "summary": (
            "The panel covered user skills, literacy, affordable technology and the "
            "power supply that every ICT project depends on."
        ),
        "background": (
            "<p>Projects fail when users lack the skills or literacy to use them, "
            "when technology does not suit local conditions, or when basic "
            "infrastructure such as electricity is missing. Partnerships can tackle "
            "several of these at once.</p>"
        ),
        "questions": [
            "Which foundations must be in place before an ICT project can succeed?",
        ],
        "moderator": "marco",
        "speakers": ["siti", "bat", "grace"],
        "rapporteur": "farhana",
    },
    {
        "code": "PC-04",
        "slug": "business-models-that-last",
        "title": "Business models that outlast the pilot",
        "day": 1,
        "at": "09:30",
        "minutes": 90,
        "room": "kul-seminar",
        "track": "Scale and complexity",
        "format": "workshop",
        "languages": ["en"],
        "interpretation": "",
        "themes": ["sdg-8", "sdg-9", "wsis-c7"],
        "summary": (
            "Entrepreneurs and community groups worked on business models that keep "
            "services running after the first grant ends."
        ),
        "background": (
            "<p>Many pilots close when their funding runs out. Participants looked "
            "at demand, outreach, support for local entrepreneurs and access to "
            "finance as the ingredients of services that last.</p>"
        ),
        "questions": [
            "What keeps a service running once the pilot money is spent?",
        ],
        "moderator": "henrik",
        "speakers": ["andrei", "diego", "leila"],
        "rapporteur": "ana",
    },
    {
        "code": "PC-05",
        "slug": "enabling-environment-and-local-content",
        "title": "Enabling environments and content that fits the community",
        "day": 1,
        "at": "11:30",
        "minutes": 90,
        "room": "kul-auditorium",
        "track": "Scale and complexity",
        "format": "panel",
        "languages": ["en", "ar"],
        "interpretation": "English–Arabic interpretation",
        "themes": ["sdg-16", "wsis-c6", "wsis-c8"],
        "summary": (
            "The closing panel discussed regulation, freedom of information and "
            "affordable local content and public services."
        ),
        "background": (
            "<p>Partnerships thrive where regulation is supportive, information "
            "flows freely and national strategies are clear. Content and "
            "applications must match what communities can afford and use, from "
            "e-health to services for local farmers.</p>"
        ),
        "questions": [
            "Which rules most help or hinder partnerships for digital development?",
            "How can content be made relevant and affordable for local communities?",
        ],
        "moderator": "helene",
        "speakers": ["tomas", "samir", "karim"],
        "rapporteur": "marisol",
    },
]

EVENTS = [MAIN_FORUM, WORKSHOP, PAST_CONFERENCE]

# Registration on two events: small quotas so the demo shows a waiting list, and the
# workshop in approval mode so it shows a pending registration.
REGISTRATION = {
    "knowledge-sharing-forum": {
        "mode": "automatic",
        "online_capacity": None,
        "quotas": {
            "government": 40,
            "intergovernmental": 25,
            "civil-society": 40,
            "private-sector": 25,
            "technical-community": 20,
            "academia": 20,
            "media": 1,
        },
    },
    "knowledge-brokering-workshop": {
        "mode": "approval",
        "online_capacity": 100,
        "quotas": {
            "government": 10,
            "civil-society": 10,
            "academia": 10,
            None: 5,  # the open pool
        },
    },
}

# (email, full name, organisation, group, country, gender, [(event slug, mode)])
PARTICIPANTS = [
    (
        "amina.diallo@example.org",
        "Amina Diallo",
        "Université Cheikh Anta Diop (fictional chair)",
        "academia",
        "SN",
        "woman",
        [("knowledge-sharing-forum", "in_person")],
    ),
    (
        "lucas.moreira@example.org",
        "Lucas Moreira",
        "Open Data Press",
        "media",
        "BR",
        "man",
        [("knowledge-sharing-forum", "in_person")],
    ),
    (
        "mei.tanaka@example.org",
        "Mei Tanaka",
        "Pacific Science Weekly",
        "media",
        "JP",
        "undisclosed",
        [("knowledge-sharing-forum", "in_person")],
    ),
    (
        "joseph.otieno@example.org",
        "Joseph Otieno",
        "Community Knowledge Network Kenya",
        "civil-society",
        "KE",
        "man",
        [
            ("knowledge-sharing-forum", "online"),
            ("knowledge-brokering-workshop", "in_person"),
        ],
    ),
]
PARTICIPANT_PASSWORD = "participant-demo-2031"
