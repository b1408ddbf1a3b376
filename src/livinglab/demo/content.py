"""The Dutch texts of the demo history: a regional working group of wijkprofessionals
and the six reviews of its programme, one script per meeting.

Everything here is fictional and written to fit the example cases in `cases/`. People are
named by a function key (`gen`, `wmo`, ...); `{gen}` in a text becomes the first name of
the group's generalist, so the same scripts serve every group of a larger archive.
"""

from __future__ import annotations

# Function key -> (function, a typical employer). Every demo group has one of each.
FUNCTIONS = {
    "mw": ("maatschappelijk werker", "Wijkteam Duinzicht"),
    "gen": ("generalist", "Wijkteam Havenkwartier"),
    "wmo": ("Wmo-consulent", "gemeente Zeedorp"),
    "wvp": ("wijkverpleegkundige", "Thuiszorg Duin en Polder"),
    "jgc": ("jeugd- en gezinscoach", "Jeugdteam Polderland"),
    "shv": ("schuldhulpverlener", "Kredietbank Kust"),
    "ed": ("ervaringsdeskundige", "Cliëntenraad Sociaal Domein"),
    "mee": ("MEE-cliëntondersteuner", "MEE Kust en Polder"),
}
CHAIR = "mw"

# The first demo group's people, by function.
PEOPLE = {
    "mw": "Anouk Visser",
    "gen": "Sander Kok",
    "wmo": "Bram de Wit",
    "wvp": "Ineke Brouwer",
    "jgc": "Yasmina El Idrissi",
    "shv": "Ruud Hoekstra",
    "ed": "Marja Jansen",
    "mee": "Karin Smit",
}

# For the people of further groups in a larger archive.
FIRST_NAMES = [
    "Annelies", "Bas", "Charlotte", "Daan", "Esra", "Femke", "Gerrit", "Hanneke", "Iris",
    "Jeroen", "Kees", "Latifa", "Maarten", "Nadia", "Olga", "Pieter", "Quinten", "Rianne",
    "Samira", "Thijs", "Ugur", "Vera", "Wouter", "Xandra", "Youssef", "Zoë", "Mirjam",
    "Joost", "Fatima", "Henk", "Lotte", "Erik", "Noor", "Sevda", "Tim", "Willemijn",
]
LAST_NAMES = [
    "Bakker", "Jansen", "de Vries", "van Dijk", "Mulder", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Groot", "Meijer", "Yılmaz",
    "Kaya", "Postma", "de Boer", "Vermeulen", "van den Berg", "Koster", "Prins",
    "Huisman", "Smits", "Boukhari", "Nijhuis", "Veenstra", "Oosterhuis", "Tromp", "Wolters",
]

GROUPS = [
    ("Regionale werkgroep Wijkprofessionals Kust", "werkgroep",
     "vier gemeenten aan de kust (fictief)"),
    ("Wijkteam Havenkwartier", "team", "Zeedorp (fictief)"),
    ("Lerend netwerk Polder", "werkgroep", "drie polderdorpen (fictief)"),
    ("Wijkteam Duinzicht", "team", "Duinwijk (fictief)"),
    ("Stuurgroep Sociaal Domein Kust", "stuurgroep", "vier gemeenten aan de kust (fictief)"),
    ("Intervisiegroep Jeugd en Gezin", "werkgroep", "Polderland (fictief)"),
]

LOCATIONS = [
    "Wijkcentrum De Kaap, Zeedorp",
    "Gemeentehuis Polderland, zaal 3",
    "Buurthuis Het Anker, Duinwijk",
    "Bibliotheek Havenstad, leeszaal",
]

# What the secretary writes under "Action list of last time".
FOLLOW_UP_NONE = "Geen openstaande acties."
FOLLOW_UP = "Actielijst doorgelopen: {counts}."
FOLLOW_UP_COUNTS = {"done": "{n} afgerond", "cancelled": "{n} vervallen", "open": "{n} nog open"}

# --- the six meetings of the programme -----------------------------------------------
#
# values: field key -> what the secretary captured; a per_participant field maps function
#   keys to the row of that person (absent people are left out when the meeting runs);
#   a date field holds a number of days after the meeting.
# actions: (step id, what, owner's function, due in days after the meeting, fate), where
#   fate says what a later meeting does with it: "next" done at the next meeting, "later"
#   done three meetings on, "cancel" cancelled at the next meeting.
# decisions: (step id, text); step None means the item "Any other business".
# slow_questions: the case slug -> the status the group gives it during this meeting.
# to_region: the case slugs of slow questions the group takes to the region then.

SCRIPTS = [
    {
        "case": "menselijke-maat",
        "method": "trage-vragen",
        "title": "Trage vraag: de menselijke maat",
        "case_owner": "wmo",
        "secretary": "jgc",
        "start": "9:30",
        "notes": {
            "opening": "{mw} heet iedereen welkom bij de eerste bijeenkomst van het nieuwe "
                       "programma. Korte kennismakingsronde: naam, team en wat je hoopt mee "
                       "te nemen.",
            "announcements": "De vier gemeenten kopen de ambulante begeleiding vanaf volgend "
                             "jaar gezamenlijk in; {wmo} houdt de werkgroep op de hoogte.",
            "aob": "{ed} vraagt of de cliëntenraad de lessen van de werkgroep mag lezen. "
                   "Afgesproken: ja, de deelbare versie.",
            "closing": "{mw} dankt iedereen. Volgende keer een moreel beraad over een casus "
                       "van {gen}.",
        },
        "values": {
            "arrival": "Rondje in één zin: waar kom je vandaan? Veel drukte rond de "
                       "herindicaties huishoudelijke hulp. {ed} merkt dat de cliëntenraad "
                       "steeds vaker klachten krijgt over verschillen tussen wijken.",
            "question": "Hoe voorkomen we dat het zoeken naar de menselijke maat uitmondt in "
                        "rechtsongelijkheid? De groep scherpt aan: wat is gelijkwaardig "
                        "behandelen als situaties niet gelijk zijn?",
            "experiences": {
                "wmo": {"experience": "Ik kende een taxipas toe omdat meneer anders helemaal "
                                      "niet meer buiten kwam; mijn collega verwees een "
                                      "vergelijkbare mevrouw naar haar buren."},
                "gen": {"experience": "Twee buren vergeleken hun beschikking op de galerij. "
                                      "Ik moest uitleggen waarom de een wel en de ander geen "
                                      "hulp kreeg, en vond het zelf lastig."},
                "wvp": {"experience": "In de thuiszorg zie ik dat wie goed kan praten meer "
                                      "krijgt. Mensen die zich schamen vragen minder."},
                "jgc": {"experience": "Bij jeugd gaat het om wachtlijsten: het gezin dat "
                                      "blijft bellen komt eerder aan de beurt."},
                "shv": {"experience": "Bij schulden zijn de regels strak, en juist daar "
                                      "vragen mensen om maatwerk dat ik niet mag geven."},
                "ed": {"experience": "Als inwoner voelde ik me pas gelijk behandeld toen "
                                     "iemand uitlegde waarom iets niet kon."},
                "mee": {"experience": "Mensen met een beperking hebben vaak een aanpassing "
                                      "nodig om gelijk mee te kunnen doen; gelijk is dan "
                                      "juist ongelijk geven."},
                "mw": {"experience": "In ons team beslist wie de casus heeft; we bespreken "
                                     "zelden of een collega het anders had gedaan."},
            },
            "parking": [
                "Een regionaal protocol voor vervoersvoorzieningen",
                "Een vast maatwerkbudget per wijkteam",
            ],
            "layers": [
                {"kind": "Waarde", "what": "Rechtvaardigheid: gelijke gevallen gelijk "
                                           "behandelen", "whose": "Inwoners, raad, "
                                                                   "bezwaarcommissie"},
                {"kind": "Waarde", "what": "Menselijke maat: de situatie van de inwoner "
                                           "voorop", "whose": "Professionals, cliëntenraad"},
                {"kind": "Belang", "what": "Beheersbare kosten van maatwerkvoorzieningen",
                 "whose": "Gemeente"},
                {"kind": "Dilemma", "what": "Uitleggen waarom de buurvrouw wel en jij niet",
                 "whose": "Wmo-consulent, generalist"},
            ],
            "dialogue": "Het verschil tussen gelijk en gelijkwaardig kwam steeds terug. "
                        "Niemand wil terug naar een loket met vaste aanspraken, maar "
                        "verschil zonder uitleg voelt voor inwoners als willekeur. De groep "
                        "ziet dat professionals hun afweging zelden opschrijven, en dat "
                        "collega's elkaars afwegingen niet kennen.",
            "insights": [
                "Gelijkwaardig behandelen vraagt om een uitlegbare afweging, niet om "
                "dezelfde uitkomst.",
                "Verschillen tussen wijken komen vaker door budget en aanbod dan door de "
                "professional.",
                "Wie goed kan praten krijgt meer: daar zit de echte ongelijkheid.",
            ],
            "still_open": [
                "Wie bewaakt de verschillen tussen de vier gemeenten?",
                "Hoe leg je een afweging vast zonder weer een formulier te maken?",
            ],
            "status": "verder_onderzoeken",
        },
        "actions": [
            ("next", "Drie geanonimiseerde beschikkingen verzamelen waarin maatwerk "
                     "verschilde", "wmo", 21, "next"),
            ("next", "Navragen hoe de bezwaarcommissie over maatwerk oordeelt", "mw", 28,
             "next"),
        ],
        "decisions": [
            ("next", "De vraag blijft op de lijst van trage vragen, met de status 'in "
                     "verkenning'."),
        ],
        "lessons": [
            ("Gelijk behandelen is niet hetzelfde als hetzelfde geven: leg uit welke afweging "
             "je maakt, dan is verschil te verdedigen.", True),
        ],
        "slow_questions": {"menselijke-maat": "in-verkenning"},
    },
    {
        "case": "fraude-in-vertrouwen",
        "method": "dilemma",
        "title": "Moreel beraad: fraude aan de keukentafel",
        "case_owner": "gen",
        "secretary": "wmo",
        "start": "13:30",
        "notes": {
            "opening": "{mw} opent. {gen} brengt een casus in die hem na een huisbezoek "
                       "niet loslaat.",
            "announcements": "{shv} meldt dat de wachttijd bij de schuldhulpverlening is "
                             "opgelopen tot zeven weken.",
            "aob": "Geen punten.",
            "closing": "Afgesproken dat de schrijfronde voortaan bij elk moreel beraad "
                       "terugkomt.",
        },
        "values": {
            "rules": [
                "Wat hier gezegd wordt, blijft hier",
                "We onderzoeken, we oordelen niet",
                "Eerst de vraag, dan pas het antwoord",
                "Ieder spreekt voor zichzelf",
            ],
            "situation": "{gen} zit na het vijfde gesprek met meneer K. in de auto. Meneer "
                         "K. heeft bijstand, schulden bij drie schuldeisers en zijn zoon "
                         "woont sinds kort weer bij hem. Hij vertelde net dat hij 's avonds "
                         "zwart schoonmaakt om rond te komen, en vroeg het voor zich te "
                         "houden. Morgen is het overleg met de klantmanager, die ook in het "
                         "team zit.",
            "dilemma": {
                "question": "Wat is hier het goede om te doen, voor meneer K., zijn zoon en "
                            "het team?",
                "a": "De zwarte inkomsten meteen melden bij de klantmanager",
                "a_harm": "Het vertrouwen van meneer K. is weg, het schuldhulptraject loopt "
                          "vast en de zoon kan zijn dak kwijtraken.",
                "b": "Meneer K. eerst verder helpen en nu niet melden",
                "b_harm": "{gen} handelt tegen de afspraken met de gemeente, zet de "
                          "klantmanager buitenspel en de fraude loopt door.",
            },
            "clarifications": [
                "Weet de klantmanager het al? Nee, alleen {gen}.",
                "Heeft het team afspraken over signalen van fraude? Alleen mondeling.",
                "Weten inwoners wat het wijkteam doorgeeft? Niet expliciet.",
                "Hoeveel verdient meneer K. bij? Ongeveer 300 euro per maand.",
            ],
            "parking": [
                "Een teamprotocol voor signalen van fraude",
                "Voorlichting aan inwoners over wat het wijkteam wel en niet voor zich houdt",
            ],
            "parties": [
                {"party": "Meneer K.", "perspective": "Overleven met zijn zoon erbij",
                 "value": "Zorg voor zijn kind", "norm": "Je laat je kind niet vallen"},
                {"party": "De zoon", "perspective": "Net weer thuis, onzeker",
                 "value": "Veiligheid", "norm": "Een thuis hoort vast te staan"},
                {"party": "{gen}", "perspective": "Het vertrouwen is net gewonnen",
                 "value": "Trouw aan de inwoner", "norm": "Je houdt je aan wat je belooft"},
                {"party": "Klantmanager", "perspective": "Collega en handhaver tegelijk",
                 "value": "Rechtmatigheid", "norm": "Inkomsten worden gemeld"},
                {"party": "Gemeente en samenleving", "perspective": "Gelijke regels voor "
                                                                    "iedereen",
                 "value": "Gelijkheid", "norm": "Fraude wordt niet gedoogd"},
            ],
            "alternatives": [
                "Meneer K. zelf laten melden, met {gen} ernaast bij de klantmanager",
                "Eerst uitzoeken wat melden financieel betekent, dan samen beslissen",
                "De casus anoniem bespreken in het team voordat er iets gebeurt",
            ],
            "choices": {
                "gen": {"choice": "B, met een termijn", "value": "Vertrouwen",
                        "cannot": "Nu melden en het contact op het spel zetten",
                        "limit_harm": "Binnen twee weken samen met meneer K. melden",
                        "asks_of_me": "Geduld, en zelf in de gaten houden dat de termijn gehaald wordt"},
                "mw": {"choice": "B", "value": "Trouw aan de inwoner",
                        "cannot": "Meteen doen wat de regel vraagt",
                       "limit_harm": "Het team vandaag nog inlichten, zonder naam",
                        "asks_of_me": "Uitleggen aan collega's waarom ik wacht"},
                "wmo": {"choice": "A", "value": "Rechtmatigheid",
                        "cannot": "Meneer K. de tijd geven het zelf te regelen",
                        "limit_harm": "Bij de klantmanager aandringen op een "
                                      "betalingsregeling",
                        "asks_of_me": "Het gesprek met meneer K. niet uit de weg gaan"},
                "wvp": {"choice": "B", "value": "Zorg voor de zoon",
                        "cannot": "Volledig open zijn naar de gemeente",
                        "limit_harm": "Afspraak dat meneer K. zelf meldt",
                        "asks_of_me": "Vertrouwen dat meneer K. zijn woord houdt"},
                "jgc": {"choice": "B", "value": "Veiligheid van het kind",
                        "cannot": "De rust in huis helemaal bewaren",
                        "limit_harm": "De zoon apart spreken over hoe het thuis gaat",
                        "asks_of_me": "Blijven kijken naar de zoon, ook als het lastig wordt"},
                "shv": {"choice": "A", "value": "Eerlijkheid",
                        "cannot": "Het traject zonder hobbels laten lopen",
                        "limit_harm": "De schuldeisers informeren zodat het traject "
                                      "doorloopt",
                        "asks_of_me": "Staan voor een keuze die meneer K. boos kan maken"},
                "ed": {"choice": "B", "value": "Menselijkheid",
                        "cannot": "De regels letterlijk volgen",
                       "limit_harm": "Meneer K. helpen uitleggen waarom hij het deed",
                        "asks_of_me": "Mijn twijfel hardop durven zeggen in het team"},
                "mee": {"choice": "A", "value": "Duidelijkheid",
                        "cannot": "Meneer K. ontzien",
                        "limit_harm": "Meneer K. vooraf vertellen wat er gaat gebeuren",
                        "asks_of_me": "Duidelijk zijn, ook als het pijn doet"},
            },
            "dialogue": "Het verschil zat niet in óf er gemeld wordt maar in wanneer en door "
                        "wie. Wie A koos voelde zich verantwoordelijk voor de collega die "
                        "klantmanager is; wie B koos dacht vooral aan de zoon. Iedereen vond "
                        "dat {gen} het niet alleen moet dragen.",
            "conclusion": "{gen} bespreekt met meneer K. dat hij zelf zijn inkomsten meldt, "
                          "binnen twee weken, en gaat mee naar de klantmanager. Het team "
                          "maakt de afspraak over fraudesignalen schriftelijk.",
            "evaluate_on": 42,  # six weeks on: the team looks back at its agreements
            "closing_round": {
                "gen": {"learned": "Dat ik er niet alleen voor sta",
                        "intention": "Eerder collega's inschakelen bij twijfel"},
                "mw": {"learned": "De schrijfronde haalt de stilte eruit",
                       "intention": "Ook in het teamoverleg eerst laten opschrijven"},
                "wmo": {"learned": "Mijn A was vooral loyaliteit aan de gemeente",
                        "intention": "Beter uitleggen wat melden betekent"},
                "wvp": {"learned": "Dat het team geen afspraak heeft",
                        "intention": "Navragen hoe mijn thuiszorgteam dit doet"},
                "jgc": {"learned": "Het kind verdwijnt snel uit beeld",
                        "intention": "Bij elke casus vragen wie er nog meer thuis woont"},
                "shv": {"learned": "Melden hoeft het traject niet te breken",
                        "intention": "Met de klantmanager een werkwijze bespreken"},
                "ed": {"learned": "Inwoners weten niet wat je doorgeeft",
                       "intention": "Een tekst voor inwoners helpen schrijven"},
                "mee": {"learned": "Duidelijkheid vooraf is ook zorg",
                        "intention": "Aan het begin vertellen wat ik niet kan beloven"},
            },
            "rating": {"score": 4, "comment": "Veilig gesprek; de schrijfronde hielp om "
                                              "niet meteen te reageren."},
        },
        "actions": [
            ("conclusions", "Met meneer K. bespreken dat hij zelf meldt; samen naar de "
                            "klantmanager", "gen", 14, "next"),
            ("conclusions", "Concepttekst voor inwoners: wat het wijkteam wel en niet voor "
                            "zich houdt", "ed", 28, "next"),
            ("conclusions", "Teamleiders vragen de afspraak over fraudesignalen te agenderen",
             "mw", 21, "cancel"),
        ],
        "decisions": [
            ("conclusions", "Signalen van fraude worden binnen een week in het casusoverleg "
                            "besproken, voordat er gemeld wordt."),
            ("conclusions", "De werkgroep vraagt om een schriftelijke afspraak over wat het "
                            "wijkteam inwoners belooft over geheimhouding."),
        ],
        "lessons": [
            ("Bij een moreel dilemma eerst ieder voor zich laten opschrijven wat het goede is: "
             "zo bepaalt niet de snelste stem het antwoord.", True),
            ("Wat een wijkteam belooft over geheimhouding moet boven tafel zijn, bij inwoners "
             "én bij collega's.", True),
        ],
    },
    {
        "case": "eigen-kracht-zorgplicht",
        "method": "spanningen",
        "title": "Spanning: eigen kracht en zorgplicht",
        "case_owner": "wvp",
        "secretary": "wmo",
        "start": "9:30",
        "notes": {
            "opening": "{mw} opent en vraagt naar de voornemens van de vorige keer. {jgc} "
                       "vraagt nu bij elke casus wie er nog meer thuis woont.",
            "announcements": "De gemeente Zeedorp vraagt de wijkteams om minder "
                             "maatwerkvoorzieningen toe te kennen; {wmo} licht de brief toe.",
            "aob": "{mee} vraagt aandacht voor mantelzorgers met een licht verstandelijke "
                   "beperking.",
            "closing": "De kaart gaat als foto naar alle leden.",
        },
        "values": {
            "situation": "Bij het echtpaar V. (beiden boven de tachtig) steunde het plan op "
                         "eigen kracht: de dochter doet de boodschappen, de buurman let op de "
                         "medicatie. Na vier maanden is de dochter overbelast en is mevrouw "
                         "V. gevallen. {wvp} vond de val te voorzien. Tegelijk vraagt de "
                         "gemeente om minder maatwerk.",
            "map": {
                "pole_a": "Eigen kracht",
                "pole_b": "Zorgplicht",
                "a_up": ["Inwoners houden de regie", "Het netwerk wordt sterker",
                         "Zorg blijft betaalbaar"],
                "a_down": ["Mantelzorgers raken overbelast", "Kwetsbare inwoners blijven "
                                                            "alleen", "Signalen komen te laat"],
                "b_up": ["Veiligheid voor kwetsbare inwoners", "Professionele blik op "
                                                              "risico's"],
                "b_down": ["Afhankelijkheid van professionals", "Wachtlijsten en hoge "
                                                               "kosten", "Het netwerk trekt "
                                                                            "zich terug"],
                "purpose": "Inwoners leven veilig en naar eigen vermogen in hun eigen huis",
                "fear": "Een val of een crisis die iedereen zag aankomen",
                "a_warnings": ["Een mantelzorger die afspraken afzegt",
                               "Geen evaluatie gepland na het plan"],
                "b_warnings": ["Het netwerk wordt niet meer gevraagd",
                               "Indicaties die alleen maar groeien"],
                "a_actions": ["Netwerkberaad aan het begin van elk plan",
                              "Mantelzorgondersteuning standaard aanbieden"],
                "b_actions": ["Evaluatie na zes weken bij elk plan op eigen kracht",
                              "De wijkverpleegkundige bij ouderen vanaf 80 betrekken"],
            },
            "rating": {"score": 5, "comment": "De kaart maakt zichtbaar wat we voelden maar "
                                              "niet konden zeggen."},
        },
        "actions": [
            ("actions", "Bij elk plan op eigen kracht een evaluatie na zes weken afspreken",
             "gen", 30, "next"),
            ("actions", "Signalenlijst overbelaste mantelzorgers delen met de vier teams",
             "wvp", 21, "next"),
            ("actions", "Mantelzorgondersteuning uitnodigen voor een volgende bijeenkomst",
             "mee", 35, "next"),
        ],
        "decisions": [
            ("agreements", "De polariteitenkaart eigen kracht – zorgplicht wordt gedeeld met "
                           "de vier wijkteams."),
            ("agreements", "Een plan dat op één mantelzorger steunt, wordt altijd besproken in "
                           "het casusoverleg."),
        ],
        "lessons": [
            ("Eigen kracht is geen besparing maar een afspraak die je evalueert: zonder "
             "evaluatiemoment schuift de zorg ongemerkt naar de mantelzorger.", True),
        ],
    },
    {
        "case": "gezin-schulden-schoolverzuim",
        "method": "casusoverleg",
        "title": "Casusoverleg: schulden en schoolverzuim",
        "case_owner": "jgc",
        "secretary": "wmo",
        "start": "13:30",
        "notes": {
            "opening": "{mw} opent. {jgc} brengt een gezin in waar vijf partijen bij "
                       "betrokken zijn.",
            "announcements": "{wvp} deelt de signalenlijst voor overbelaste mantelzorgers; "
                             "twee teams gebruiken hem al.",
            "aob": "Geen punten.",
            "closing": "Volgende keer intervisie; ieder neemt een incident mee.",
        },
        "values": {
            "domains": [
                {"domain": "Financiën", "going_well": "Moeder heeft een baan van drie "
                                                     "ochtenden",
                 "concern": "Achterstand bij de energieleverancier; geen alimentatie"},
                {"domain": "Wonen", "going_well": "Het gezin woont er al tien jaar",
                 "concern": "Brief over een mogelijke huisuitzetting"},
                {"domain": "Onderwijs", "going_well": "De dochter gaat graag naar school",
                 "concern": "De zoon is twee maanden nauwelijks op school geweest"},
                {"domain": "Gezondheid", "going_well": "Moeder is trouw aan haar werk",
                 "concern": "De zoon gamet 's nachts en slaapt overdag"},
                {"domain": "Opvoeding", "going_well": "Moeder en dochter hebben een goede band",
                 "concern": "Moeder zegt het niet meer te kunnen overzien"},
                {"domain": "Sociaal netwerk", "going_well": "Een zus woont in de buurt",
                 "concern": "Vader is uit beeld"},
            ],
            "request": "Moeder: \"Help me eerst met het huis, dan kan ik weer aan mijn zoon "
                       "denken.\" De zoon wil vooral dat iedereen ophoudt met bellen.",
            "goals": [
                "Het gezin blijft in de woning",
                "De zoon gaat binnen zes weken weer naar school, eerst in een aangepast "
                "rooster",
                "Moeder heeft overzicht over haar geld",
            ],
            "parties": [
                {"party": "Leerplichtambtenaar", "role": "Bewaakt de schoolgang, heeft "
                                                       "proces-verbaal in achterhand"},
                {"party": "Mentor op school", "role": "Maakt een rooster op maat"},
                {"party": "Schuldhulpverlening", "role": "Stabiliseert de vaste lasten"},
                {"party": "Woningcorporatie", "role": "Bereid tot een betalingsregeling"},
                {"party": "Huisarts", "role": "Kijkt naar slaapritme en gamen"},
                {"party": "Zus van moeder", "role": "Haalt de dochter twee middagen op"},
            ],
            "lead": "{jgc}, jeugd- en gezinscoach: één gezin, één plan, één regisseur.",
            "plan": "Eerst de woning veiligstellen, want zonder huis lukt niets anders. "
                    "Tegelijk een rustig gesprek met de zoon, de mentor en de "
                    "leerplichtambtenaar samen, zodat hij één keer zijn verhaal doet. De "
                    "schuldhulp pakt de vaste lasten op; de huisarts kijkt naar het "
                    "slaapritme. Over zes weken evalueren.",
            "evaluate_on": 42,  # six weeks on, as the agreements say
        },
        "actions": [
            ("plan", "Betalingsregeling met de woningcorporatie om uitzetting te voorkomen",
             "shv", 7, "next"),
            ("plan", "Eén gesprek met zoon, mentor en leerplichtambtenaar over een rooster "
                     "op maat", "jgc", 14, "next"),
            ("plan", "Samen met moeder een verzoek om alimentatie indienen bij het LBIO",
             "shv", 21, "later"),
            ("plan", "Huisarts vragen naar slaapritme en gamegedrag van de zoon", "wvp", 21,
             "next"),
        ],
        "decisions": [
            ("agreements", "{jgc} is casusregisseur voor dit gezin; alle partijen lopen via "
                           "haar."),
            ("agreements", "Het plan wordt over zes weken geëvalueerd in het casusoverleg van "
                           "het wijkteam."),
        ],
        "lessons": [
            ("Bij een gezin met schulden eerst de woning veiligstellen: zonder dak lukt "
             "niets anders.", True),
            ("Laat een jongere één keer zijn verhaal doen, met alle partijen tegelijk.", True),
        ],
    },
    {
        "case": "twee-bazen-thuiszorg",
        "method": "intervisie",
        "title": "Intervisie: twee bazen",
        "case_owner": "wvp",
        "secretary": "jgc",
        "start": "9:30",
        "notes": {
            "opening": "{mw} opent; korte check-in. {shv} is er voor het laatst vóór zijn "
                       "verlof.",
            "announcements": "Mantelzorgondersteuning komt in een volgende bijeenkomst "
                             "vertellen over respijtzorg.",
            "aob": "De detachering van professionals vanuit hun moederorganisatie komt in "
                   "elke casus terug; de groep wil dit bij de stuurgroep neerleggen.",
            "closing": "{mw} sluit af. Volgende keer weer een trage vraag.",
        },
        "values": {
            "incidents": [
                "{wvp}: mijn twee leidinggevenden willen allebei mijn woensdag",
                "{gen}: een inwoner die me buiten werktijd blijft appen",
                "{mee}: een cliënt die niet wil dat ik met de school praat",
            ],
            "chosen": "Het incident van {wvp}: het raakt aan de detachering in alle teams.",
            "sketch": "{wvp} werkt twee dagen in het wijkteam en drie bij de thuiszorg. Op "
                      "een wijkteamdag belde haar thuiszorgteam: twee zieken, of zij de "
                      "ochtendronde wilde doen. Die ochtend zou ze met een wijkteamcollega "
                      "naar een verwarde oudere. Beide leidinggevenden zeggen dat ze zelf "
                      "haar grenzen moet aangeven.",
            "questions": [
                "Wat zei je tegen je wijkteamcollega? Dat ik er de volgende keer wel bij ben.",
                "Hoe vaak gebeurt dit? Drie keer in de afgelopen maand.",
                "Weten je leidinggevenden van elkaar wat ze vragen? Nee.",
                "Wat deed het met je? Ik voelde me tekortschieten, bij allebei.",
            ],
            "parking": [
                "Een vaste vervanger voor de ochtendronde regelen",
                "De detacheringsovereenkomst herschrijven",
            ],
            "analysis": {
                "gen": {"core": "Het is geen grens die {wvp} moet trekken; het is een "
                                "botsing tussen twee organisaties."},
                "mw": {"core": "Loyaliteit aan de moederorganisatie tegen loyaliteit aan het "
                               "team."},
                "wmo": {"core": "Niemand heeft het mandaat om te kiezen, dus kiest de "
                                "professional."},
                "jgc": {"core": "Schuld voelen bij allebei: dat houdt niemand lang vol."},
                "shv": {"core": "De cliënt van de ochtendronde is zichtbaar, de aanmelding "
                                "bij het wijkteam niet."},
                "ed": {"core": "Inwoners merken het als hun vaste gezicht steeds wisselt."},
                "mee": {"core": "Wie het meest roept, krijgt de woensdag."},
            },
            "advice": {
                "gen": {"advice": "Leg beide verzoeken tegelijk bij beide leidinggevenden "
                                  "neer."},
                "mw": {"advice": "Maak een weekrooster dat beide teams kennen, en houd je "
                                 "eraan."},
                "wmo": {"advice": "Vraag de gemeente wie de detachering aanstuurt."},
                "jgc": {"advice": "Noteer een maand lang wie wat vraagt; dan heb je feiten."},
                "shv": {"advice": "Spreek met je wijkteamcollega's af wie invalt als je "
                                  "uitvalt."},
                "ed": {"advice": "Vertel cliënten eerlijk wanneer je er niet bent."},
                "mee": {"advice": "Gebruik de werkgroep om het probleem boven jezelf uit te "
                                  "tillen."},
            },
            "what_i_did": "Ze deed de ochtendronde; haar wijkteamcollega ging alleen naar de "
                          "verwarde oudere. Het liep goed af, maar ze belde de collega 's "
                          "avonds nog om sorry te zeggen.",
            "reaction": "{wvp} herkent vooral het schuldgevoel. Het advies om beide "
                        "leidinggevenden samen te laten komen neemt ze over; het "
                        "weekrooster probeert ze een maand.",
            "rating": {"score": 4, "comment": "Fijn dat het over het systeem ging en niet "
                                              "alleen over mij."},
        },
        "actions": [
            ("reaction", "Gesprek met beide leidinggevenden tegelijk over de woensdag",
             "wvp", 14, "next"),
            ("reaction", "Notitie over detachering vanuit moederorganisaties voor de "
                         "stuurgroep", "mw", 28, "next"),
        ],
        "decisions": [
            (None, "De werkgroep legt de knelpunten van detachering voor aan de "
                   "regionale stuurgroep."),
        ],
        "lessons": [
            ("Wie in twee teams werkt, hoort niet zelf de botsing tussen twee organisaties "
             "op te lossen: breng de leidinggevenden samen aan tafel.", True),
            ("{wvp} voelde zich tekortschieten bij beide teams.", False),
        ],
    },
    {
        "case": "kennis-die-blijft",
        "method": "trage-vragen",
        "title": "Trage vraag: kennis die blijft",
        "case_owner": "mee",
        "secretary": "wmo",
        "start": "13:30",
        "notes": {
            "opening": "{mw} opent en blikt terug op een half jaar werkgroep.",
            "announcements": "De trage vraag over de menselijke maat gaat naar de regionale "
                             "stuurgroep: de werkgroep kan haar niet alleen beantwoorden.",
            "aob": "{ed} heeft de tekst voor inwoners over geheimhouding klaar; de teams "
                   "gaan hem gebruiken.",
            "closing": "Volgende keer een moreel beraad over een casus van {shv}.",
        },
        "values": {
            "arrival": "Drie van de acht leden werken korter dan een jaar in hun team. {mee} "
                       "brengt de vraag in omdat zij bij haar start niets van de werkgroep "
                       "terugvond.",
            "question": "Hoe houden we vast wat we als team en als regio hebben geleerd, als "
                        "de mensen die het leerden vertrekken?",
            "experiences": {
                "mee": {"experience": "Bij mijn start wist niemand meer welke afspraken er "
                                      "met de huisartsen waren gemaakt."},
                "gen": {"experience": "De samenwerking met het jongerenwerk viel stil toen "
                                      "één contactpersoon vertrok."},
                "wmo": {"experience": "Ik vind verslagen terug, maar niet waarom iets "
                                      "besloten is."},
                "wvp": {"experience": "In de thuiszorg zit kennis in de overdracht aan het "
                                      "bed; in het wijkteam mis ik dat."},
                "jgc": {"experience": "Discussies over multiprobleemgezinnen beginnen elk "
                                      "jaar opnieuw."},
                "shv": {"experience": "Mijn vervanger tijdens het verlof kende de werkgroep "
                                      "niet eens."},
                "ed": {"experience": "Inwoners moeten hun verhaal steeds opnieuw vertellen "
                                     "aan een nieuw gezicht."},
                "mw": {"experience": "Wat we leren zit in relaties; vertrekt iemand, dan is "
                                     "de relatie weg."},
            },
            "parking": [
                "Een kennisbank voor de hele regio",
                "Een inwerkprogramma voor nieuwe wijkteamleden",
            ],
            "layers": [
                {"kind": "Waarde", "what": "Relationele continuïteit voor inwoners",
                 "whose": "Inwoners, ervaringsdeskundigen"},
                {"kind": "Belang", "what": "Snel inzetbare nieuwe collega's",
                 "whose": "Teamleiders, gemeenten"},
                {"kind": "Dilemma", "what": "Tijd om op te schrijven of tijd voor inwoners",
                 "whose": "Professionals"},
            ],
            "dialogue": "Opschrijven alleen helpt niet: niemand leest een map. Wat wel hielp "
                        "was een collega die meenam naar een overleg. De groep ziet de eigen "
                        "notulen en lessen als begin: kort, vindbaar, met waarom iets "
                        "besloten is.",
            "insights": [
                "Kennis blijft via mensen en via vindbare, korte lessen, niet via dikke "
                "verslagen.",
                "Het waarom van een besluit is belangrijker dan het besluit zelf.",
                "Een nieuwe collega meenemen naar een overleg is de beste overdracht.",
            ],
            "still_open": [
                "Wie beheert de lessen als de werkgroep stopt?",
                "Hoe deel je lessen tussen teams zonder privacy van inwoners te schaden?",
            ],
            "status": "verder_onderzoeken",
        },
        "actions": [
            ("next", "Lessen van dit half jaar bundelen tot een kennisoogst voor nieuwe "
                     "collega's", "mw", 28, "next"),
            ("next", "Een pagina 'wat de werkgroep al uitzocht' voor de inwerkmap",
             "mee", 21, "next"),
        ],
        "decisions": [
            ("next", "Elk nieuw teamlid gaat in de eerste maand mee naar een bijeenkomst van "
                     "de werkgroep."),
        ],
        "lessons": [
            ("Schrijf bij een besluit ook het waarom op: dat is wat een opvolger mist.", True),
        ],
        "slow_questions": {"kennis-die-blijft": "in-verkenning",
                           "menselijke-maat": "inzicht-bereikt"},
        "to_region": ["menselijke-maat"],
    },
]

# The group's next meeting, planned after today.
NEXT_MEETING = {
    "case": "onderhuur-grijs-gebied",
    "method": "dilemma",
    "title": "Moreel beraad: onderhuur om rond te komen",
    "case_owner": "shv",
    "secretary": "jgc",
    "start": "9:30",
}

# One finished practice run with the solo method of six questions: the group's newest
# member, the MEE-cliëntondersteuner, rehearses on her own a case the group reviewed
# before she came (so the reveal shows how the group weighed it).
PRACTICE = {
    "case": "twee-bazen-thuiszorg",
    "method": "eigen-afweging",
    "student": "mee",  # a function key of PEOPLE
    "days_before_today": 2,
    "start": "14:00",
    "minutes": 26,
    "values": {
        "situation": "Ineke werkt twee dagen in het wijkteam en drie in de thuiszorg. Haar "
                     "thuiszorgteam vraagt haar op wijkteamdagen toch de ochtendronde te "
                     "draaien. Mevrouw D. krijgt steeds minder tijd.",
        "question": "Moet Ineke op haar wijkteamdagen de ochtendronde blijven draaien?",
        "values": [
            {"who": "Mevrouw D.", "value": "Goede zorg", "asks": "Tijd en aandacht"},
            {"who": "Het wijkteam", "value": "Betrouwbaarheid", "asks": "Er zijn op de afgesproken dagen"},
            {"who": "Ineke", "value": "Gezondheid", "asks": "Grenzen stellen"},
        ],
        "options": ["De ronde blijven draaien", "De ronde weigeren",
                    "Beide leidinggevenden samen laten beslissen"],
        "choice": "Ik vraag beide leidinggevenden om samen één afspraak te maken.",
        "because": "Het probleem zit in de verdeling van de uren, niet in mijn inzet.",
        "cost": "Een paar weken blijft het onduidelijk en draait een collega extra.",
        "limit_harm": "Ik zeg de collega dat het tijdelijk is en noem een datum.",
        "practice_noticed": "De notities noemen het systeem; ik bleef eerst bij mezelf hangen.",
        "practice_weighed": "Betrouwbaarheid: afspraken met het wijkteam nakomen.",
        "practice_next": "Eerder vragen wie er nog meer de gevolgen draagt.",
    },
}

# --- the group's memory (issue 12) ---------------------------------------------------------
SERIES_NAME = "Gesprekscyclus {name}"
SERIES_DESCRIPTION = ("Zes bijeenkomsten per jaar: trage vragen, morele dilemma's en "
                      "spanningen uit de praktijk van de wijkteams, elke derde keer een "
                      "korte evaluatie.")
SERIES_NEXT_THEME = "Terugblik: wat namen we mee uit dit jaar?"
# What people say when the next meeting asks after their voornemen: done, and not done.
# What people say in a meeting's closing round: learned, and will do differently (Kolb).
CLOSING_ROUND = [
    ("Eerst de vraag achter de vraag zoeken scheelt later werk.",
     "Bij een nieuwe aanmelding eerst vragen wat de inwoner zelf al probeerde."),
    ("Een regel volgen en goed doen zijn niet altijd hetzelfde.",
     "Twijfel over een regel eerder in het team inbrengen."),
    ("Collega's in andere gemeenten lopen tegen hetzelfde aan.",
     "Een collega uit een buurgemeente bellen voor ik een besluit neem."),
    ("Stilte in het gesprek geeft ruimte aan wat er echt speelt.",
     "In het volgende huisbezoek langer wachten voor ik een oplossing geef."),
    ("Wat we leerden verdwijnt als we het niet opschrijven.",
     "Na elke casus één les in het teamdocument zetten."),
]
INTENTION_ANSWERS = {
    True: ["Gedaan, twee keer; het scheelde een hoop uitleg achteraf.",
           "Gedaan: het team doet nu mee.",
           "Gedaan, al ging het de eerste keer stroef."],
    False: ["Niet aan toegekomen: de wachtlijst ging voor.",
            "Nog niet; ik wil het eerst met mijn teamleider bespreken."],
}
EVALUATION_REMARKS = ["Meer tijd voor de dialoog.", "Vaker een casus van een inwoner zelf.",
                      "", "Fijn dat we elkaars twijfels horen."]
# The first slow question comes back at later meetings (meeting number -> what it added,
# what stayed open): a question that lives on.
QUESTION_PROGRESS = {
    3: (["De vier gemeenten leggen hun afwegingskaders naast elkaar."],
        ["Wie bewaakt de verschillen tussen de vier gemeenten?"]),
    6: (["De regio neemt de vraag mee naar het bestuurlijk overleg."], []),
}
