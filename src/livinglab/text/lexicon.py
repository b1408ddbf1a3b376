"""Words the scanner weighs as evidence: kinship and role words a name follows, nicknames of
first names, organisations and common words that are no name, and places.

Two sources. The built-in lists here are short and our own: the words of the field (oma,
huisarts, wijkagent), the usual Dutch nicknames (Wim for Willem), the organisations a
neighbourhood team names (Veilig Thuis, GGD) and the Netherlands' larger places. When
the optional `deduce` package is installed (`pip install livinglab[lexicon]`), its lookup
lists are read as well: about 15,000 first names, 10,500 surnames, 6,700 places of
residence and a thousand common words that are no name.

Why deduce this way (issue 24). Deduce (LGPL-3.0-or-later) keeps the best-maintained
lists of Dutch names and places for care text. Its lists are not copied into livinglab:
derived lists would be LGPL data inside an EUPL package, which needs its own notice and
a way for the user to swap them. Reading the installed library's own files at run time
uses the library as it is published (the user can update or replace it), so nothing of
it ships here. It is read without importing it (its import pulls in a tokenizer and
regex engine the scanner does not use), once, on the first scan that needs a list: never
at start-up. Without it every rule still works on the built-in lists; bench/deidentify.py
measures both against deduce itself.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

# Family words after which a capitalised word is a first name: "Oma Jannie", "zoon Daan".
KINSHIP = frozenset("""
    oma opa omi opi tante oom neef nicht zoon zoontje dochter dochtertje broer broertje
    zus zusje zuster moeder vader mama papa mam pap stiefvader stiefmoeder pleegvader
    pleegmoeder pleegzoon pleegdochter kleinzoon kleindochter kleinkind schoonmoeder
    schoonvader schoonzoon schoondochter zwager schoonzus partner vriend vriendin man
    echtgenoot echtgenote ex-partner ex-man ex-vrouw halfbroer halfzus tweelingbroer
    tweelingzus buurman buurvrouw buurjongen buurmeisje overbuurman overbuurvrouw
    grandma grandpa aunt uncle son daughter brother sister mother father mum mom dad
    husband wife""".split())
# Roles and jobs after which a capitalised word is a name: "Huisarts De Groot", "juf Petra".
ROLES = frozenset("""
    huisarts dokter arts specialist psychiater psycholoog wijkagent agent juf meester
    docent leraar lerares mentor directeur directrice bewindvoerder mentrix curator
    consulent consulente casemanager klantmanager jobcoach coach begeleider begeleidster
    hulpverlener wijkverpleegkundige verpleegkundige maatschappelijk-werker
    schuldhulpverlener jeugdconsulent gezinscoach ambulant-begeleider tolk advocaat
    notaris huisbaas verhuurder werkgever leidinggevende collega zorgverlener
    praktijkondersteuner poh fysiotherapeut logopedist ergotherapeut tandarts apotheker
    opbouwwerker wmo-consulent ervaringsdeskundige vrijwilliger maatje buddy
    inwoner bewoner buurtbewoner cliënt client klant burger aanvrager melder huurder
    doctor nurse teacher officer counsellor landlord resident""".split())
# Prepositions after which two capitalised words are a person: "de casus van Jorieke
# Plasman", "gesprek met Tessel Hoogland", "bij Roel Dekker thuis".
NAME_PREPOSITIONS = frozenset("van met bij voor namens door aan over via".split())

# Formal first name -> the short forms it goes by (Dutch usage; Wim for Willem).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "willem": ("wim", "pim", "wil", "willy"), "wilhelmus": ("wim", "pim", "willem"),
    "wilhelmina": ("mien", "mina", "wilma", "willie"), "johannes": ("hans", "jan", "johan", "joop"),
    "johanna": ("anneke", "jo", "hanneke", "hanna", "joke"), "cornelis": ("kees", "cor", "niels"),
    "cornelia": ("corrie", "corry", "nel", "nelleke"), "hendrik": ("henk", "hein", "rik", "henny"),
    "hendrika": ("riek", "rika", "henny", "ria"), "gerardus": ("gerard", "gert", "geert", "gerrit"),
    "gerard": ("gert", "geert", "ger"), "jacobus": ("koos", "jaap", "sjaak", "co"),
    "jacob": ("jaap", "koos", "sjaak"), "jacoba": ("coby", "co", "koosje"),
    "petrus": ("piet", "peter"), "pieter": ("piet",), "petronella": ("nel", "nelly", "pieternel"),
    "antonius": ("ton", "toon", "anton", "teun"), "anthonie": ("ton", "toon", "teun"),
    "anton": ("ton", "toon"), "theodorus": ("theo", "dorus", "ruud"), "franciscus": ("frans", "frank"),
    "adrianus": ("adrie", "arie", "janus"), "adriana": ("adrie", "jaantje", "jannie"),
    "maria": ("marie", "ria", "mieke", "mia", "marieke"), "catharina": ("toos", "tineke", "ina", "trijntje", "katja"),
    "margaretha": ("greet", "margriet", "grietje", "gré", "margo"), "elisabeth": ("els", "lies", "liesbeth", "betty", "bep", "elise"),
    "alexander": ("sander", "alex", "lex"), "alexandra": ("sandra", "alex", "lex"),
    "nicolaas": ("klaas", "niek", "nico"), "bartholomeus": ("bart",), "abraham": ("bram",),
    "christiaan": ("chris", "stijn"), "christina": ("chris", "tineke", "stien"),
    "daniël": ("daan", "danny"), "daniel": ("daan", "danny"), "matthijs": ("thijs", "tijs"),
    "mattheus": ("thijs", "teus"), "frederik": ("frits", "fred", "freek"), "robert": ("rob", "bob", "bert"),
    "albert": ("bert", "ab"), "richard": ("rick", "rik"), "michiel": ("chiel", "michel"),
    "josephus": ("joop", "jos", "sjef", "jef"), "johanna-maria": ("jannie",),
    "jannetje": ("jannie", "jans"), "janna": ("jannie",), "thomas": ("tom", "thom"),
    "susanne": ("suus", "sanne", "suzan"), "suzanne": ("suus", "sanne"), "geertruida": ("truus", "trudy", "geert"),
    "gertrude": ("truus", "trudy"), "aaltje": ("aal",), "lambertus": ("bert", "lammert"),
    "hubertus": ("huub", "bert"), "leonardus": ("leo", "leen"), "marinus": ("rinus", "rien", "mario"),
    "martinus": ("tinus", "martin"), "wilhelm": ("wim",), "william": ("bill", "will", "liam"),
    "elizabeth": ("liz", "beth", "betty"), "jennifer": ("jenny",), "rebecca": ("becky",),
    "mohamed": ("mo", "momo"), "mohammed": ("mo", "momo"), "abdelkader": ("kader",),
    "annemarie": ("anne", "annemie"), "anna": ("anneke", "ans", "annie"), "benjamin": ("ben", "benno"),
    "samuel": ("sam", "sem"), "tobias": ("tobi",), "emanuel": ("manu",), "isabella": ("isa", "bella"),
    "johan": ("hans", "joop"), "wouter": ("wout",), "marcel": ("cel",), "stefan": ("steef",),
    "jozef": ("jos", "sjef"), "francisca": ("cisca", "frances", "sjaan"), "hermanus": ("herman", "manus"),
    "dirk": ("dick", "dik"), "egbert": ("eppo", "bert"), "reinier": ("rein",), "arnoldus": ("arnold", "noud"),
}

# Organisations and other capitalised words a team names that are no person.
INSTITUTION_WORDS = frozenset("""
    veilig thuis ggd ggz mee wmo uwv svb cak cjg jggz zorg jeugdzorg jeugd gemeente
    wijkteam sociaal sociale team teams centrum stichting raad kinderbescherming leger des
    heils humanitas vluchtelingenwerk buurtzorg thuiszorg woningcorporatie woonstichting
    participatiewet jeugdwet zorgverzekeringswet wlz zvw schuldhulp schuldhulpverlening
    voedselbank kredietbank belastingdienst toeslagen politie huisartsenpraktijk
    ziekenhuis praktijk school basisschool kinderopvang peuterspeelzaal mdo vng gezondheid
    werk inkomen wonen welzijn dienst afdeling college wethouder provincie rijk
    rijksoverheid ministerie vws jenv bzk holland nederland noord zuid oost west kop
    regio buurt wijk stad dorp albert heijn lidl aldi jumbo hema action kruidvat etos
    ns ggd-regio""".split())

# Words that are also first names or places but are common Dutch words in lower case:
# written small they are no name ("de roos bloeit", "hij kan best").
COMMON_WORDS = frozenset("""
    roos iris floor storm hoop wil ben job mark kim do dag lente zomer winter ster
    sterre bloem lotus liefde vrede zon maan hemel engel best ede goes epe born urk
    beek ven zijn bij een dan maar als wat wie hier daar nog ook toch wel niet geen
    geen meer veel zo nu al er ze hij zij wij jij ik het de en in op te van voor met
    naar uit om aan door over na tot via""".split())

# The Netherlands' larger places and the municipalities of the Kop van Noord-Holland and
# around: a place is looked up here (and in deduce's list when installed).
PLACES = frozenset("""
    Amsterdam Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Apeldoorn
    Haarlem Arnhem Enschede Amersfoort Zaanstad Zaandam Haarlemmermeer Hoofddorp Zwolle
    Zoetermeer Leiden Maastricht Dordrecht Ede Alphen Leeuwarden Alkmaar Emmen Westland
    Delft Venlo Deventer Sittard Helmond Oss Hilversum Heerlen Amstelveen Purmerend Schiedam
    Hoorn Lelystad Spijkenisse Vlaardingen Gouda Zeist Assen Capelle Katwijk Veenendaal
    Schagen Hollands Kroon Heerhugowaard Dijk Waard Langedijk Bergen Castricum Heiloo
    Uitgeest Heemskerk Beverwijk Velsen IJmuiden Texel Medemblik Enkhuizen Stede Broec
    Drechterland Koggenland Opmeer Wieringermeer Anna Paulowna Schagerbrug Julianadorp
    Middenmeer Wieringerwerf Hippolytushoef Warmenhuizen Schoorl Egmond Edam Volendam
    Monnickendam Wormerland Oostzaan Landsmeer Waterland Zaanstreek""".split()) - frozenset(
    # (parts of names of two words, and words: only as the whole name)
    "Hollands Kroon Dijk Waard Anna Paulowna Stede Broec Alphen Capelle".split()) | frozenset((
        "Den Helder", "Den Haag", "Den Bosch", "Hollands Kroon", "Dijk en Waard",
        "Anna Paulowna", "Stede Broec", "Alphen aan den Rijn", "Capelle aan den IJssel",
        "Edam-Volendam", "'s-Gravenhage", "'s-Hertogenbosch", "Bergen op Zoom"))


@dataclass(frozen=True)
class Lexicon:
    """Lower-case word sets: first names, surnames, places, and common words that are no
    name. `deduce` says whether deduce's lists are in them."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    common_words: frozenset[str]
    deduce: bool


def _deduce_lists() -> Path | None:
    """The folder of deduce's lookup lists, if deduce is installed (not imported)."""
    if os.environ.get("LIVINGLAB_LEXICON") == "builtin":
        return None
    try:
        spec = importlib.util.find_spec("deduce")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    return folder if folder.is_dir() else None


def _read(folder: Path, *parts: str) -> set[str]:
    try:
        text = folder.joinpath(*parts, "items.txt").read_text("utf-8")
    except OSError:
        return set()
    return {line.strip().lower() for line in text.splitlines() if line.strip()}


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lists, read once, on first use."""
    from .personal import _FIRST_NAMES  # the scanner's own common first names

    first = {n.lower() for n in _FIRST_NAMES} | {n for nicks in NICKNAMES.values() for n in nicks} \
        | set(NICKNAMES)
    surnames: set[str] = set()
    places = {p.lower() for p in PLACES}
    common = set(COMMON_WORDS)
    folder = _deduce_lists()
    if folder is not None:
        first |= _read(folder, "names", "lst_first_name")
        surnames |= _read(folder, "names", "lst_surname")
        places |= _read(folder, "locations", "lst_placename", "lst_residence")
        places |= _read(folder, "locations", "lst_placename", "lst_municipality")
        common |= _read(folder, "whitelist", "lst_common_word")
        common |= _read(folder, "whitelist", "lst_stop_word")
    return Lexicon(frozenset(first), frozenset(surnames), frozenset(places),
                   frozenset(common), folder is not None)
