import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from livinglab.text.personal import KINDS, Pseudonymiser, mask, scan

from conftest import examples

CORPORA = sorted((Path(__file__).parent / "privacy").glob("*.jsonl"))


def found(text, kind, known=()):
    return [f.text for f in scan(text, known) if f.kind == kind]


# --- per kind: (text, what must be found) --------------------------------------------------

FOUND = {
    "bsn": [
        ("BSN 628194821 staat op de brief.", "628194821"),
        ("BSN: 2527.60.189.", "2527.60.189"),
        ("burgerservicenummer 507 529 170", "507 529 170"),
        ("nummer (121.547.280)", "121.547.280"),
        ("BSN 1234.56.782 staat erop", "1234.56.782"),
        ("Zoon BSN 101-415-618, dochter niet", "101-415-618"),
        ("BSN van de jongste (914 18 06 30) ontbreekt", "914 18 06 30"),
        ("BSN:149131677 / geen toeslagen", "149131677"),
        ("Sofinr. 669348156 op de loonstrook", "669348156"),
        ("BSN-nr.: 252000201", "252000201"),
    ],
    "iban": [
        ("Op NL78 ABNA 4449 4544 37 graag.", "NL78 ABNA 4449 4544 37"),
        ("iban nl34rabo6438831701 is van de zoon", "nl34rabo6438831701"),
        ("Rekening NL28-TRIO-3993-1582-79.", "NL28-TRIO-3993-1582-79"),
        ("naar BE68 5390 0754 7034 overgemaakt", "BE68 5390 0754 7034"),
        ("naar nl91 abna 0417 1643 00 graag", "nl91 abna 0417 1643 00"),
        ("Rekening NL 91 ABNA 0417 1643 00 van", "NL 91 ABNA 0417 1643 00"),
    ],
    "telefoon": [
        ("Bel 06-12345678 morgen.", "06-12345678"),
        ("Bel 06 1234 5678 morgen.", "06 1234 5678"),
        ("mobiel +31 6 23456789 ook whatsapp", "+31 6 23456789"),
        ("Op +31 (0)6 34567890 bereikbaar", "+31 (0)6 34567890"),
        ("vader 0031 6 45678901, moeder", "0031 6 45678901"),
        ("kantoor (010) 123 45 67 tot vijf uur", "(010) 123 45 67"),
        ("huisarts 0575 - 52 34 56 bellen", "0575 - 52 34 56"),
        ("call +31(0)20-7654321 now", "+31(0)20-7654321"),
        ("Kindertelefoon 0800-0432", "0800-0432"),
        ("bereikbaar via 06–12345678.", "06–12345678"),
        ("Bel (020) 555 1234 morgen", "(020) 555 1234"),
        ("Mobiel 06.12.34.56.78, vaste lijn opgezegd", "06.12.34.56.78"),
        ("tel (+31) 6 12345678 na vijven", "(+31) 6 12345678"),
        ("De opa in Marokko: +212 6 12 34 56 78.", "+212 6 12 34 56 78"),
        ("tel:0612345678", "0612345678"),
    ],
    "email": [
        ("Mail j.jansen@gmail.com of bel.", "j.jansen@gmail.com"),
        ("naar Kees.vd.Berg+zorg@hotmail.nl.", "Kees.vd.Berg+zorg@hotmail.nl"),
    ],
    "postcode": [
        ("1234 AB Utrecht", "1234 AB"),
        ("postcode 3511nk", "3511nk"),
        ("verhuist naar 6511 kx Nijmegen", "6511 kx"),
        ("Postcode 2511 cv, huisnummer onbekend", "2511 cv"),
        ("1234AB 12", "1234AB"),
        ("Woont nu op 1781 ab, bij haar zus.", "1781 ab"),
        ("Oude adres (1761 kv) wordt opgezegd.", "1761 kv"),
        ("Postadres: 1782-AB Den Helder.", "1782-AB"),
        ("1781 ab den helder", "1781 ab"),
    ],
    "adres": [
        ("woont op de Kerkstraat 12.", "Kerkstraat 12"),
        ("Van Goghlaan 3a, Utrecht", "Van Goghlaan 3a"),
        ("naar Burgemeester de Vlugtlaan 120-II in", "Burgemeester de Vlugtlaan 120-II"),
        ("Oudegracht 231 bis, Utrecht", "Oudegracht 231 bis"),
        ("op de Laan van Meerdervoort 52.", "Laan van Meerdervoort 52"),
        ("nieuw adres: kerkstraat 5", "kerkstraat 5"),
        ("Schoolpad 14A", "Schoolpad 14A"),
        ("de voedselbank op de Grote Markt 3 in Haarlem", "Grote Markt 3"),
        ("Op de Johan de Wittlaan 4 woont", "Johan de Wittlaan 4"),
        ("They live at 12 Dorpsstraat, Den Helder.", "12 Dorpsstraat"),
        ("Het gezin woont op de Texelstroom 112.", "Texelstroom 112"),
    ],
    "geboortedatum": [
        ("geboren op 12 maart 1980 in Utrecht", "12 maart 1980"),
        ("Geboortedatum: 12-03-1980.", "12-03-1980"),
        ("De jongen (geb. 12/3/'08) gaat", "12/3/'08"),
        ("DOB 1980-03-12, single parent", "1980-03-12"),
        ("born on March 12, 1980 in", "March 12, 1980"),
        ("Date of birth: 12th of March 1980.", "12th of March 1980"),
        ("vader (geboren 4 jan. 1969) is", "4 jan. 1969"),
        ("Mevrouw is 3 april 1975 geboren.", "3 april 1975"),
        ("geb. 12-mrt-1980, woont alleen", "12-mrt-1980"),
        ("Mevrouw Pinas, * 12 maart 1980, weduwe.", "12 maart 1980"),
        ("Meneer is op 12 maart 1980 in Paramaribo geboren.", "12 maart 1980"),
        ("De baby kwam op 2 januari 2024 ter wereld.", "2 januari 2024"),
        ("Zij is bevallen op 14-02-2024 van een dochter.", "14-02-2024"),
        ("geb.12-03-1980, woonachtig in Den Helder", "12-03-1980"),
    ],
    "naam": [
        ("Mevrouw Jansen belde.", "Mevrouw Jansen"),
        ("We spraken meneer De Vries.", "meneer De Vries"),
        ("Dhr. K. Bakker komt.", "Dhr. K. Bakker"),
        ("mw. El Amrani wil niet.", "mw. El Amrani"),
        ("Ook de heer Van den Heuvel was er.", "de heer Van den Heuvel"),
        ("MEVROUW BOS ZEGT NEE.", "MEVROUW BOS"),
        ("Volgens meneer K. niet.", "meneer K."),
        ("Ik heb mevr. Hoekstra-de Graaf gebeld.", "mevr. Hoekstra-de Graaf"),
        ("We visited Mrs. O'Brien at home.", "Mrs. O'Brien"),
        ("de familie Öztürk woont hier", "familie Öztürk"),
        ("mw jansen belde om tien uur", "mw jansen"),
        ("gesprek met meneer de vries en zijn zoon", "meneer de vries"),
        ("Mevrouw Şahin belde", "Mevrouw Şahin"),
        ("MEVROUW VAN DAM belde", "MEVROUW VAN DAM"),
        ("Het gezin Yilmaz krijgt een woning.", "gezin Yilmaz"),
        ("Dr Visser van de GGZ schuift aan.", "Dr Visser"),
        ("the Jansen family moved last month", "Jansen"),
        ("Dhr. v.d. Berg heeft een achterstand.", "Dhr. v.d. Berg"),
        ("mevr.Jansen belde terug", "mevr.Jansen"),
        ("Afspraak met mevrouw D'Souza op dinsdag.", "mevrouw D'Souza"),
        ("Gerda belde over de opvang.", "Gerda"),
        ("Gesprek met Sanne de Vries van de voedselbank.", "Sanne de Vries"),
        ("Moeder (Khadija) spreekt weinig Nederlands.", "Khadija"),
    ],
}

# (known names, text, the names found there)
KNOWN = [
    (["Piet Groen"], "Groen belde; we geven groen licht.", ["Groen"]),
    (["Piet Groen"], "we geven groen licht", []),
    (["Piet Groen"], "Iedereen, ook piet groen, was er.", ["piet groen"]),
    (["Jan van der Berg"], "Jan van der Berg stuurt het verslag van de gemeente.",
     ["Jan van der Berg"]),
    (["Jan van der Berg"], "Volgens Van der Berg is van de regeling geen sprake.",
     ["Van der Berg"]),
    (["Jan van der Berg"], "J. van der Berg tekent.", ["J. van der Berg"]),
    (["Jan van der Berg"], "het verslag van de gemeente van der werkgroep", []),
    (["Tom Bos"], "Bos gaat naar het Bos van Ypeij.", ["Bos"]),
    (["Els Koning"], "Koning komt, de Koning niet, een Koning ook niet.", ["Koning"]),
    (["Roos de Boer"], "Bel de Boer even; de boer niet.", ["de Boer"]),
    (["Roos de Boer"], "Een roos op tafel.", []),
    (["Roos de Boer"], "het advies van De Boer", ["De Boer"]),
    (["Els Sanders"], "Sanders' voorstel", ["Sanders'"]),
    (["Kees Jansen"], "Jansens dochter", ["Jansens"]),
    (["Ahmed Benali"], "Ahmeds broer en Ahmed's moeder", ["Ahmeds", "Ahmed's"]),
    (["Sander Kok"], "Het koksoverleg en de Bokkoker; Sander kookt.", ["Sander"]),
    (["Femke Dekker"], "De dekkers zijn vervangen.", []),
    (["Yasmina El Idrissi"], "Yasmina en El Idrissi", ["Yasmina", "El Idrissi"]),
    (["Aisha D'Souza"], "D'Souza komt om tien uur.", ["D'Souza"]),
    (["Liam O'Neill"], "O'Neills broer belde.", ["O'Neills"]),
    (["Sophie de Jong"], "De Jong belt; de jongen niet.", ["De Jong"]),
    (["Sophie de Jong"], "Volgens de Jong's moeder", ["de Jong's"]),
]

NOT_FOUND = [
    ("bsn", "Het nummer 186091390 voldoet niet aan de elfproef."),
    ("bsn", "Dossiernummer 123456782 is gesloten."),
    ("bsn", "Order 123456782 shipped on Monday."),
    ("bsn", "Het bedrag van € 1.250,00 is overgemaakt."),
    ("bsn", "Een bedrag van 628194821,50 euro."),
    ("iban", "Het rekeningnummer NL78ABNA4449454438 klopt niet."),
    ("iban", "De code AB12 CDEF 3456 7890 12 staat op de pas."),
    ("telefoon", "Het gesprek was op 06-11-2024 om 10:00."),
    ("telefoon", "Er zijn 0612 formulieren binnengekomen."),
    ("telefoon", "Kenmerk 2024/0815 en versie 2.4.1."),
    ("telefoon", "Dossier 0612345678 is gesloten."),
    ("telefoon", "Het nummer 0012345678 bestaat niet."),
    ("postcode", "In 1980 en 1995 veranderde de wet."),
    ("postcode", "In 2024 is het aantal gestegen; in 2025 ga ik."),
    ("postcode", "Het team heeft 1500 AB-cliënten."),
    ("postcode", "Er waren 1234 en 5678 aanmeldingen."),
    ("postcode", "Het bestand is 1200 MB groot."),
    ("telefoon", "Rekening NL12 ABNA 0123 4567 89 bestaat niet."),
    ("adres", "De Kerkstraat is afgesloten."),
    ("adres", "Onderweg 2 keer gebeld, geen gehoor."),
    ("adres", "De arbeidsmarkt 2024 is krap."),
    ("adres", "In Amsterdam 2 teams en in Rotterdam 3 teams."),
    ("adres", "Zie artikel 12 van de Participatiewet."),
    ("geboortedatum", "Vergadering van 12-03-2024 om 10:30."),
    ("geboortedatum", "Ze is in 1980 geboren."),
    ("geboortedatum", "Hun zoon is geboren. Op 12-03-2024 is de kraamzorg gestopt."),
    ("geboortedatum", "The meeting on 12 March 2024 discussed the pilot."),
    ("naam", "Mevrouw de voorzitter opende de vergadering."),
    ("naam", "mevrouw de voorzitter, mag ik iets zeggen?"),
    ("naam", "Mevrouw heeft de brief niet ontvangen."),
    ("naam", "Meneer zegt dat hij niet kan betalen."),
    ("naam", "meneer schaamt zich voor de schulden."),
    ("naam", "Mevrouw de buurvrouw heeft de politie gebeld."),
    ("naam", "De meneer van de thuiszorg belde terug."),
    ("naam", "De meneer van de woningcorporatie kwam niet."),
    ("naam", "MW Noord en MW Zuid werken samen."),
    ("naam", "Mr Chair, may I add something?"),
    ("naam", "De heer des huizes was niet thuis."),
    ("bsn", "Beschikkingsnummer 211673420 van het CAK."),
    ("bsn", "Wachtlijstnummer 683673221 bij Woonwaard."),
    ("bsn", "Het aanvraagnummer is 163-624-677."),
    ("telefoon", "Het spreekuur is van 09.00-12.00 uur."),
    ("telefoon", "Overleg op 06-12-2025 om 14.00 uur."),
    ("telefoon", "verschil +12 345 678 euro"),
    ("postcode", "Het budget voor 2025 is op."),
    ("postcode", "In 2000 ha landbouwgrond en 1500 kg voer."),
    ("postcode", "In 2024 NS-kaartjes vergoed."),
    ("geboortedatum", "Intake 12-03-2025, geboortedatum onbekend."),
    ("geboortedatum", "Gesprek op 12-03-2025; de baby is nog niet geboren."),
    ("geboortedatum", "* 12 maart 2025: overleg met de school"),
    ("geboortedatum", "Mevrouw is jarig op 12 maart, dan eten we taart."),
    ("naam", "Mevrouw de gastvrouw en meneer de casusinbrenger zijn er."),
    ("naam", "BSN nr 969 372 930 van mevrouw klopt niet."),
    ("naam", "Het gezin heeft geen hulp; gezin centraal."),
    ("naam", "The Dutch family court and the Royal Family."),
    ("naam", "Dr. Schaepmanstraat is afgesloten."),
    ("naam", "Zij woont op de Johan de Wittlaan."),
    ("naam", "Boodschappen bij de Albert Heijn."),
    ("naam", "Het Emma Kinderziekenhuis werkt mee."),
    ("naam", "Geboren in Anna Paulowna, op de Sint Jansstraat."),
    ("naam", "Wil je de brief sturen? Max 3 personen. Toon de lijst."),
    ("naam", "Koningin Beatrix en Sint Jan."),
]


@pytest.mark.parametrize("kind,text,expected",
                         [(kind, text, expected) for kind, cases in FOUND.items()
                          for text, expected in cases])
def test_each_kind_is_found(kind, text, expected):
    assert found(text, kind) == [expected]


@pytest.mark.parametrize("kind,text", NOT_FOUND)
def test_near_misses_are_not_found(kind, text):
    assert found(text, kind) == []


@pytest.mark.parametrize("known,text,expected", KNOWN)
def test_known_names_are_found_only_where_they_are_names(known, text, expected):
    assert found(text, "naam", known) == expected


def test_a_finding_says_where_it_is():
    text = "Bel 06-12345678 of mail a@b.nl."
    for finding in scan(text):
        assert text[finding.start:finding.end] == finding.text
    assert [f.kind for f in scan(text)] == ["telefoon", "email"]


def test_overlapping_findings_keep_the_longest():
    findings = scan("Anouk Visser belde", ["Anouk Visser"])
    assert [f.text for f in findings] == ["Anouk Visser"]
    findings = scan("mevrouw Visser belde", ["Anouk Visser"])
    assert [f.text for f in findings] == ["mevrouw Visser"]


# --- the pseudonymiser ---------------------------------------------------------------------


def test_the_same_name_gets_the_same_placeholder_throughout_a_document():
    pseudonymise = Pseudonymiser(known_names=["Piet Groen"])
    first = pseudonymise("Mevrouw Jansen belde met Groen.")
    second = pseudonymise("Groen belt mevrouw Jansen terug; meneer Pinas ook.")
    assert first == "Mevrouw [naam-1] belde met [naam-2]."
    assert second == "[naam-2] belt mevrouw [naam-1] terug; meneer [naam-3] ook."


def test_a_person_of_the_meeting_becomes_their_role():
    pseudonymise = Pseudonymiser(role_of={"Anouk Visser": "Voorzitter", "Bram de Wit": "Notulist"})
    text = pseudonymise("Anouk opent, De Wit notuleert, anouk visser sluit; mevrouw Visser's punt.")
    # "mevrouw Visser" without her first name may be a client of that surname (issue 24):
    # never the chair's role, and no name left either way.
    assert text == ("Voorzitter opent, Notulist notuleert, Voorzitter sluit; "
                    "mevrouw [naam-1]'s punt.")


def test_every_kind_has_its_placeholder_in_both_languages():
    text = ("Mevrouw Jansen, BSN 628194821, NL78 ABNA 4449 4544 37, 06-12345678, a@b.nl, "
            "Kerkstraat 12, 1234 AB, geboren 12-03-1980.")
    assert Pseudonymiser(lang="nl")(text) == (
        "Mevrouw [naam-1], BSN [BSN], [IBAN], [telefoon], [e-mail], [adres], [postcode], "
        "geboren [geboortedatum].")
    assert Pseudonymiser(lang="en")(text) == (
        "Mevrouw [name-1], BSN [BSN], [IBAN], [phone], [e-mail], [address], [postcode], "
        "geboren [date of birth].")


def test_a_form_of_address_stays_when_typed_without_a_space():
    text = Pseudonymiser()("mevr.Jansen belde; Dhr. v.d. Berg ook; mevrouw Jansen weer.")
    assert text == "mevr. [naam-1] belde; Dhr. [naam-2] ook; mevrouw [naam-1] weer."


def test_a_first_name_nobody_listed_is_pseudonymised_with_its_surname():
    text = Pseudonymiser()("Gerda belde; Sanne de Vries en Gerda komen morgen.")
    assert text == "[naam-1] belde; [naam-2] en [naam-1] komen morgen."


def test_a_fresh_pseudonymiser_starts_counting_again():
    assert Pseudonymiser()("meneer Pinas") == Pseudonymiser()("mevrouw Yilmaz").replace(
        "mevrouw", "meneer")


def test_mask_keeps_only_the_kind():
    assert mask("Mevrouw Jansen: 06-12345678, dossier 123456782.") == (
        "[naam]: [telefoon], dossier 123456782.")
    assert mask("Groen belde", ["Piet Groen"], lang="en") == "[name] belde"


FIRST_NAMES = ["Anouk", "Bram", "Sander", "Yasmina", "Roos", "Daan", "Fatima", "Özlem", "Kees",
               "Lotte", "Mohamed", "Jan"]
SURNAMES = ["Visser", "de Wit", "Kok", "El Idrissi", "Groen", "Bos", "Koning", "de Boer",
            "van der Berg", "Jansen", "Yılmaz", "Sanders", "ter Horst", "Bakker-de Vries"]
# How a name appears in running text; the rules say each of these is found.
FORMS = [
    lambda first, last: f"{first} {last}",
    lambda first, last: f"{first} {last}".lower(),
    lambda first, last: f"{first} {last}".upper(),
    lambda first, last: first,
    lambda first, last: last[0].upper() + last[1:],
    lambda first, last: last,
    lambda first, last: f"mevrouw {last}",
    lambda first, last: f"{first[0]}. {last}",
    lambda first, last: f"{first}s",
    lambda first, last: f"{last}'s",
]
TEMPLATES = [
    "{0} belde over de huur.",
    "Volgens {0} moet {1} eerst met de klantmanager praten.",
    "Actie: {0} en {1} bellen het gezin; {2} schuift aan.",
    "Afspraak met {0} (06-12345678) gaat niet door, zegt {1}.",
    "In het verslag: {0}, {1}, {2}.",
]


@settings(max_examples=examples(150), deadline=None)
@given(people=st.lists(st.tuples(st.sampled_from(FIRST_NAMES), st.sampled_from(SURNAMES)),
                       min_size=1, max_size=3, unique=True),
       template=st.sampled_from(TEMPLATES),
       forms=st.lists(st.sampled_from(FORMS), min_size=3, max_size=3),
       chosen=st.lists(st.integers(min_value=0, max_value=2), min_size=3, max_size=3),
       roles=st.booleans())
def test_no_known_name_survives_the_pseudonymiser(people, template, forms, chosen, roles):
    names = [f"{first} {last}" for first, last in people]
    mentions = [form(*people[i % len(people)]) for form, i in zip(forms, chosen)]
    role_of = {names[0]: "Voorzitter"} if roles else {}
    text = Pseudonymiser(known_names=names, role_of=role_of)(template.format(*mentions))
    for first, last in people:
        assert f"{first} {last}".lower() not in text.lower()
        for part in re.split(r"[\s-]+", f"{first} {last}"):
            if part[0].isupper():
                assert not re.search(rf"(?<!\w){re.escape(part)}", text), (part, text)


# --- precision and recall on every corpus --------------------------------------------------


def read_corpus(path):
    examples = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        example = json.loads(line)
        for span in example["spans"]:
            assert span["kind"] in KINDS, f"{path.name}:{number}: unknown kind {span['kind']}"
            assert span["text"] in example["text"], f"{path.name}:{number}: {span['text']!r}"
        examples.append(example)
    return examples


def gold_occurrences(text, span_text):
    """Where a gold span occurs: as a whole word where it can, else anywhere."""
    before = r"(?<!\w)" if span_text[0].isalnum() else ""
    after = r"(?!\w)" if span_text[-1].isalnum() else ""
    whole = [m.span() for m in re.finditer(before + re.escape(span_text) + after, text)]
    return whole or [m.span() for m in re.finditer(re.escape(span_text), text)]


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(examples):
    """Per kind: [findings that are right, findings, gold spans found, gold spans]."""
    counts = {kind: [0, 0, 0, 0] for kind in KINDS}
    for example in examples:
        gold = [(span["kind"], occurrence) for span in example["spans"]
                for occurrence in gold_occurrences(example["text"], span["text"])]
        findings = scan(example["text"], example.get("known", []))
        for f in findings:
            counts[f.kind][1] += 1
            counts[f.kind][0] += any(k == f.kind and overlaps((f.start, f.end), g)
                                     for k, g in gold)
        for kind, g in gold:
            counts[kind][3] += 1
            counts[kind][2] += any(f.kind == kind and overlaps((f.start, f.end), g)
                                   for f in findings)
    return counts


def ratio(part, whole):
    return part / whole if whole else 1.0


# The target is recall 0.95 and precision 0.9 on every corpus. The held-out corpus, written
# without sight of the scanner and never used to tune it, measured recall 0.923 and
# precision 0.953 when it first met the scanner (2026-11-25): its floor guards against
# going back until the scanner, tuned on other text, reaches the target there too. After
# round 2's tuning on new text of its own (issue 11) it measured recall 0.941, precision
# 0.968 (2026-11-25), measured once. After round 3's tuning, again on new text of its own,
# it measured recall 0.968, precision 0.968 (2026-11-26, round 3), measured once: the
# target is reached there too, and the floor keeps it. Round 3's author had read that
# corpus's README (which names the kind of name it misses), so a second held-out corpus,
# heldout2.jsonl, was written at the same time by someone who never saw the scanner; it
# met the round-3 scanner once, after the tuning ended: recall 0.956, precision 0.951
# (2026-11-26). It is held to the target itself.
FLOORS = {"heldout.jsonl": (0.96, 0.96)}


@pytest.mark.parametrize("path", CORPORA, ids=[p.name for p in CORPORA])
def test_precision_and_recall_on_the_corpus(path):
    counts = score(read_corpus(path))
    total = [sum(c[i] for c in counts.values()) for i in range(4)]
    print(f"\n{path.name}: kind, precision, recall (findings, gold spans)")
    for kind, (right, findings, hit, gold) in [*counts.items(), ("overall", total)]:
        print(f"  {kind:<14} {ratio(right, findings):6.3f} {ratio(hit, gold):6.3f}"
              f"  ({findings}, {gold})")
    recall_floor, precision_floor = FLOORS.get(path.name, (0.95, 0.9))
    assert ratio(total[2], total[3]) >= recall_floor
    assert ratio(total[0], total[1]) >= precision_floor


def test_the_tuning_corpus_is_there_and_rich_enough():
    examples = read_corpus(Path(__file__).parent / "privacy" / "tuning.jsonl")
    assert len(examples) >= 150
    assert sum("near miss" in e["note"] for e in examples) >= 60
    assert {span["kind"] for e in examples for span in e["spans"]} == set(KINDS)
