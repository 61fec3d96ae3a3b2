"""The past conference's outcome summary and session reports for the demo, written in
our own words after the outcome summary seed on international and regional
cooperation."""

EVENT = "partnerships-conference"

REPORTS = {
    "why-partner-across-sectors": {
        "takeaways": [
            "Each sector brings something the others lack: reach, money, know-how or "
            "legitimacy.",
            "Partnerships work when every partner can say what it gains.",
            "Joint programmes avoid duplication and pool scarce staff and funds.",
        ],
        "calls": [
            (
                "Map who already works on a problem before starting a new initiative.",
                "",
            ),
            (
                "Publish partnership agreements so others can learn from them.",
                "government",
            ),
        ],
        "discussion": (
            "<p>Speakers compared partnerships in which agencies, companies and "
            "community groups had combined people and budgets. The shared measurement "
            "of ICT statistics was the example most often cited: one effort, many "
            "users, no duplicated surveys.</p>"
        ),
        "convergence": "Partners need a common goal written down at the start.",
        "divergence": "Whether business should lead or follow the public agenda.",
        "estimates": (85, 40, 38),
        "gender": (False, ""),
    },
    "trust-between-partners": {
        "takeaways": [
            "Trust is earned through openness about money, data and decisions.",
            "Surveillance has cost users' trust online; rebuilding it is shared work.",
        ],
        "calls": [
            (
                "Agree on how partners handle each other's data before exchanging it.",
                "",
            ),
            (
                "Report openly on what a partnership spent and achieved.",
                "private-sector",
            ),
        ],
        "discussion": (
            "<p>The room discussed what breaks trust between partners and between "
            "institutions and internet users: unclear roles, hidden agendas and the "
            "collection of data beyond what was agreed.</p>"
        ),
        "convergence": "Transparency is the first condition of trust.",
        "divergence": "How far security concerns justify limits on privacy.",
        "estimates": (60, 55, 31),
        "gender": (
            True,
            "Women's safety online was raised as a condition of equal participation.",
        ),
    },
    "skills-and-infrastructure": {
        "takeaways": [
            "Connectivity without skills leaves the divide in place.",
            "Statistics offices need training to collect the core ICT indicators.",
        ],
        "calls": [
            (
                "Include ICT statistics in national statistical strategies.",
                "government",
            ),
            ("Offer targeted training on ICT statistics to local offices.", ""),
        ],
        "discussion": (
            "<p>Participants from least developed and landlocked countries described "
            "household surveys that now include ICT questions, and the training that "
            "made it possible.</p>"
        ),
        "convergence": "Measurement is part of infrastructure, not an extra.",
        "divergence": "",
        "estimates": (70, 30, 36),
        "gender": (True, "Speakers asked for survey data broken down by sex."),
    },
    "business-models-that-last": {
        "takeaways": [
            "Pilots end when grants end unless a business model is built in from the "
            "start.",
            "Local ownership makes services outlive their founders.",
        ],
        "calls": [
            ("Plan for the years after the pilot in every funding proposal.", ""),
        ],
        "discussion": (
            "<p>Entrepreneurs and funders compared projects that survived their first "
            "grant with those that did not.</p>"
        ),
        "convergence": "Developing countries should decide more of how funds are used.",
        "divergence": "Whether free services can ever be sustainable.",
        "estimates": (55, 25, 22),
        "gender": (False, ""),
    },
}

OUTCOME = {
    "title": "Outcome summary",
    "executive_summary": (
        "<p>Over two days, participants from every stakeholder group agreed that "
        "cooperation across countries, regions and sectors remains the surest way to "
        "put information and communication technologies to work for development. They "
        "looked back at what joint efforts have achieved, named what still stands in "
        "the way, and made recommendations for the years ahead.</p>"
    ),
    "achievements": (
        "<ul><li>Agencies that measure ICT for development now pool their work, so "
        "comparable indicators are widely available and more countries collect them "
        "through household surveys.</li><li>National and regional internet governance "
        "forums have multiplied and bring every stakeholder group to one table.</li>"
        "<li>An open stocktaking of activities keeps an up-to-date record of who does "
        "what.</li></ul>"
    ),
    "challenges": (
        "<ul><li>Keeping internet governance open, transparent and respectful of human "
        "rights.</li><li>Keeping all users safe as online crime grows.</li>"
        "<li>Settling data protection and the protection of children online.</li></ul>"
    ),
    "recommendations": [
        (
            "Direct more development aid to ICTs in least developed, landlocked and "
            "small island developing countries, which decide how it is spent.",
            "Donors",
            "government",
            "sdg-17",
        ),
        (
            "Collect the core ICT indicators to international standards and include "
            "them in national statistical strategies.",
            "National statistical offices",
            "government",
            "sdg-9",
        ),
        (
            "Publish open data with attention to quality and disclosure.",
            "",
            "",
            "sdg-9",
        ),
        (
            "Rebuild users' trust online by balancing security with privacy and "
            "freedom of expression.",
            "",
            "",
            "wsis-c1",
        ),
    ],
    "themes": ["sdg-17", "sdg-9", "wsis-c1"],
}

# The conference's participants, registered and confirmed before it took place, so the
# outcome's participation figures have something to count. Some also signed up online
# for the upcoming forum, where they ask and vote in its Q&A.
# (email name, full name, organisation, group, country, gender, mode, also at the forum)
ATTENDEES = [
    (
        "nurul.hakim",
        "Nurul Hakim",
        "Ministry of Communications (fictional)",
        "government",
        "MY",
        "woman",
        "in_person",
        True,
    ),
    (
        "arief.santoso",
        "Arief Santoso",
        "Digital Villages Foundation",
        "civil-society",
        "ID",
        "man",
        "in_person",
        True,
    ),
    (
        "maria.delosreyes",
        "Maria delos Reyes",
        "Philippine Open Data Network",
        "civil-society",
        "PH",
        "woman",
        "online",
        True,
    ),
    (
        "tran.thi.lan",
        "Tran Thi Lan",
        "Hanoi Institute of Information Studies",
        "academia",
        "VN",
        "woman",
        "in_person",
        False,
    ),
    (
        "somchai.wongsa",
        "Somchai Wongsa",
        "Mekong Telecom Alliance",
        "private-sector",
        "TH",
        "man",
        "in_person",
        False,
    ),
    (
        "priya.raman",
        "Priya Raman",
        "Council for Digital Inclusion",
        "civil-society",
        "IN",
        "woman",
        "online",
        True,
    ),
    (
        "rashed.karim",
        "Rashed Karim",
        "Ministry of Posts and ICT (fictional)",
        "government",
        "BD",
        "man",
        "in_person",
        False,
    ),
    (
        "anjali.shrestha",
        "Anjali Shrestha",
        "Himalayan Community Radio",
        "media",
        "NP",
        "woman",
        "online",
        False,
    ),
    (
        "viliame.naupoto",
        "Viliame Naupoto",
        "Pacific Islands Telecommunications Office",
        "intergovernmental",
        "FJ",
        "man",
        "in_person",
        True,
    ),
    (
        "keo.sophea",
        "Keo Sophea",
        "Phnom Penh Digital Skills Centre",
        "civil-society",
        "KH",
        "undisclosed",
        "online",
        False,
    ),
    (
        "bounmy.phommachanh",
        "Bounmy Phommachanh",
        "National Internet Centre (fictional)",
        "technical-community",
        "LA",
        "man",
        "in_person",
        False,
    ),
    (
        "wanjiru.kamau",
        "Wanjiru Kamau",
        "Nairobi Open Knowledge Lab",
        "technical-community",
        "KE",
        "woman",
        "online",
        True,
    ),
    (
        "kwame.mensah",
        "Kwame Mensah",
        "Ministry of Digital Economy (fictional)",
        "government",
        "GH",
        "man",
        "in_person",
        False,
    ),
    (
        "chiamaka.obi",
        "Chiamaka Obi",
        "Lagos Fintech Association",
        "private-sector",
        "NG",
        "woman",
        "in_person",
        True,
    ),
    (
        "thabo.nkosi",
        "Thabo Nkosi",
        "University of the Highveld",
        "academia",
        "ZA",
        "man",
        "online",
        False,
    ),
    (
        "claudine.uwimana",
        "Claudine Uwimana",
        "ICT Chamber of Commerce (fictional)",
        "private-sector",
        "RW",
        "woman",
        "in_person",
        False,
    ),
    (
        "selam.tadesse",
        "Selam Tadesse",
        "African Knowledge Commons",
        "intergovernmental",
        "ET",
        "woman",
        "in_person",
        True,
    ),
    (
        "joao.ferreira",
        "João Ferreira",
        "Rede de Telecentros Comunitários",
        "civil-society",
        "BR",
        "man",
        "online",
        False,
    ),
    (
        "lucia.hernandez",
        "Lucía Hernández",
        "Secretaría de Innovación (fictional)",
        "government",
        "MX",
        "woman",
        "in_person",
        True,
    ),
    (
        "andres.restrepo",
        "Andrés Restrepo",
        "Medellín Digital Cooperative",
        "private-sector",
        "CO",
        "man",
        "online",
        False,
    ),
    (
        "shanice.campbell",
        "Shanice Campbell",
        "Caribbean ICT Research Network",
        "academia",
        "JM",
        "woman",
        "in_person",
        False,
    ),
    (
        "jonas.weber",
        "Jonas Weber",
        "Federal Ministry for Cooperation (fictional)",
        "government",
        "DE",
        "man",
        "in_person",
        True,
    ),
    (
        "claire.dubois",
        "Claire Dubois",
        "Agence du numérique solidaire (fictional)",
        "intergovernmental",
        "FR",
        "woman",
        "online",
        False,
    ),
    (
        "oliver.hughes",
        "Oliver Hughes",
        "Open Standards Institute",
        "technical-community",
        "GB",
        "man",
        "in_person",
        False,
    ),
    (
        "emily.tremblay",
        "Emily Tremblay",
        "Northern Lights Consulting",
        "private-sector",
        "CA",
        "woman",
        "online",
        False,
    ),
    (
        "liam.oconnor",
        "Liam O'Connor",
        "Pacific Policy Review",
        "media",
        "AU",
        "man",
        "in_person",
        False,
    ),
    (
        "agnieszka.nowak",
        "Agnieszka Nowak",
        "School of Information Policy",
        "academia",
        "PL",
        "woman",
        "in_person",
        True,
    ),
    (
        "olena.kovalenko",
        "Olena Kovalenko",
        "Ministry of Digital Affairs (fictional)",
        "government",
        "UA",
        "woman",
        "online",
        False,
    ),
    (
        "andrei.popescu",
        "Andrei Popescu",
        "Bucharest Civic Tech",
        "civil-society",
        "RO",
        "man",
        "in_person",
        False,
    ),
    (
        "farah.ismail",
        "Farah Ismail",
        "Kuala Lumpur Youth Coders",
        "civil-society",
        "MY",
        "woman",
        "in_person",
        True,
    ),
    (
        "hiroshi.sato",
        "Hiroshi Sato",
        "Network Operators Group (fictional)",
        "technical-community",
        "JP",
        "man",
        "online",
        False,
    ),
    (
        "mele.taufa",
        "Mele Taufa",
        "Tonga Community Broadband",
        "civil-society",
        "TO",
        "woman",
        "in_person",
        False,
    ),
    (
        "ahmed.elsayed",
        "Ahmed El-Sayed",
        "Regional ICT Office (fictional)",
        "intergovernmental",
        "EG",
        "man",
        "in_person",
        False,
    ),
    (
        "alex.morgan",
        "Alex Morgan",
        "Independent researcher",
        "academia",
        "NZ",
        "other",
        "online",
        False,
    ),
    (
        "dewi.lestari",
        "Dewi Lestari",
        "Women in Tech Jakarta",
        "civil-society",
        "ID",
        "",
        "in_person",
        False,
    ),
    (
        "rafael.soares",
        "Rafael Soares",
        "National ICT Agency (fictional)",
        "government",
        "TL",
        "undisclosed",
        "in_person",
        False,
    ),
]
