"""Finds personal data in Dutch (and English) case-review text, and replaces it.

`scan` finds what identifies a person: names (after a form of address, or known to the
database), BSN, IBAN, phone numbers, e-mail addresses, postcodes, street addresses and
dates of birth. Plain regular expressions plus the checks the numbers carry (elfproef,
mod 97): no model, no network. `Pseudonymiser` replaces each finding by a placeholder that
stays the same for the same person throughout one document; `mask` keeps only the kind.

A scan takes time in proportion to the text, whatever it holds (a megabyte of clock times,
digits, capitalised words or punctuation takes under a second; bench/scanner.py): no
pattern is tried again and again over the same stretch. Runs that any word may start
(initials, particles, street prefixes) are followed `_RUN` words and `_LONGEST_WORD`
characters at most.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import itertools
import operator
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

NAME, BSN, IBAN, PHONE, EMAIL, POSTCODE, ADDRESS, BIRTH_DATE, PLACE = (
    "naam", "bsn", "iban", "telefoon", "email", "postcode", "adres", "geboortedatum",
    "woonplaats")
# What `scan` finds in any text; a place (PLACE) only in text that leaves the group
# (`scan(..., region=...)`).
KINDS = (NAME, BSN, IBAN, PHONE, EMAIL, POSTCODE, ADDRESS, BIRTH_DATE)

# Placeholders are a fixed vocabulary readers of a shared text learn, like the role terms.
PLACEHOLDERS = {
    "nl": {NAME: "naam", BSN: "BSN", IBAN: "IBAN", PHONE: "telefoon", EMAIL: "e-mail",
           POSTCODE: "postcode", ADDRESS: "adres", BIRTH_DATE: "geboortedatum",
           PLACE: "woonplaats"},
    "en": {NAME: "name", BSN: "BSN", IBAN: "IBAN", PHONE: "phone", EMAIL: "e-mail",
           POSTCODE: "postcode", ADDRESS: "address", BIRTH_DATE: "date of birth",
           PLACE: "place of residence"},
}


class Finding(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


# `_NEW(Finding, (kind, start, end, text))` makes a finding at a third of the cost of
# `Finding(...)` (a NamedTuple's __new__ is a Python function): a megabyte may hold
# hundreds of thousands of candidates.
_NEW = tuple.__new__


# --- shared pieces ------------------------------------------------------------------------

class _Branch:
    """A node of `_alternatives`' tree: the characters that lead to it, and what follows."""

    def __init__(self) -> None:
        self.units: set[str] = set()
        self.next: dict[str, _Branch] = {}
        self.ends_a_word = False

    def pattern(self, depth: int = 0, any_case: bool = False) -> str:
        """The pattern of what follows; a group where words part or end, at most
        `_DEEPEST` of them inside each other (deeper, Python and `re` would recurse too
        far: the caller then joins the words). `any_case`: for a pattern in any case
        ((?i:...)); where words part, the letter each branch starts with is written in
        both cases without (?i:) (see `_by_first_letter`)."""
        if depth > _DEEPEST:
            raise RecursionError
        branches = []
        heads = any_case and len(self.next) > 1
        for key, child in self.next.items():
            run = []  # a chain of single characters is written as it is, without recursing
            while True:
                unit = min(child.units)
                if key == _GAP:
                    run.append(_GAP)
                elif heads and not run and unit.isascii() and unit.isalpha():
                    run.append(f"(?-i:[{''.join(sorted(_ascii_cases(unit)))}])")
                else:
                    run.append(re.escape(unit))
                if len(child.next) != 1 or child.ends_a_word:
                    break
                [(key, child)] = child.next.items()
            branches.append("".join(run) + child.pattern(depth + 1, any_case))
        if not branches:
            return ""
        if len(branches) == 1 and not self.ends_a_word:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if self.ends_a_word else ")")


_GAP = r"\s+"  # between the tokens of a word (a key no single character has)
_DEEPEST = 60


def _alternatives(words: Iterable[str | Sequence[str]], ignore_case: bool = False) -> str:
    """A pattern for any of `words`, a word being a string or a sequence of tokens with a run
    of whitespace between them (\\s+): a tree of their common beginnings, so that a position
    of the text costs the length of a word, not the number of words (hundreds of known
    names). Where one word begins another the longer is tried first, so the matches are those
    of the words escaped and joined by "|", longest first (which this gives when the tree is
    too deep). With `ignore_case` the pattern is meant to be used case-insensitively, and
    characters that `re.IGNORECASE` takes for the same (the same simple lower case) share a
    branch."""
    words = [[word] if isinstance(word, str) else list(word) for word in words]
    root = _Branch()
    for tokens in words:
        node = root
        for i, token in enumerate(tokens):
            for unit in ([_GAP] if i else []) + list(token):
                key = _case_key(unit) if ignore_case and unit != _GAP else unit
                node = node.next.setdefault(key, _Branch())
                node.units.add(unit)
        node.ends_a_word = True
    try:
        return root.pattern(any_case=ignore_case)
    except RecursionError:
        joined = {_GAP.join(re.escape(token) for token in tokens) for tokens in words}
        return "(?:" + "|".join(sorted(joined, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=None)
def _case_key(c: str) -> str:
    """The first of the characters `re.IGNORECASE` takes for `c` (and `c` for them): those
    with the same simple lower case, and the few it adds (s and ſ, k and the kelvin sign, i
    and ı), found among the upper and lower cases of `c` and the ASCII letters."""
    if c.isascii():
        return c.upper()
    near = {c} | {x for y in (c.lower(), c.upper(), c.casefold(), c.title())
                  for x in (y, y.lower(), y.upper()) if len(y) == 1 and len(x) == 1}
    same = [x for x in sorted(near | set(string.ascii_uppercase))
            if re.fullmatch(re.escape(x), c, re.IGNORECASE)
            and re.fullmatch(re.escape(c), x, re.IGNORECASE)]
    return same[0]


def _first_of(words: Iterable[str], ignore_case: bool = False) -> str:
    """A look ahead for a character that one of `words` starts with. Put before a pattern's
    look behind, it spares the pattern the places it cannot match at: a pattern that starts
    with a look behind is tried at every character of the text."""
    firsts = {w[0] for w in words if w}
    if ignore_case and all(c.isascii() for c in firsts):
        # Spelled out: a class under (?i:) is tried as one more step at every character.
        firsts = _ascii_cases(firsts)
    elif ignore_case:
        return f"(?=(?i:[{''.join(sorted(re.escape(c) for c in firsts))}]))"
    return f"(?=[{''.join(sorted(re.escape(c) for c in firsts))}])"


def _ascii_cases(chars: Iterable[str]) -> set[str]:
    """ASCII `chars` with every character `re.IGNORECASE` takes for them: both cases, and
    "ı" and "İ" for i, "ſ" for s, the kelvin sign for k."""
    cases = set()
    for c in chars:
        cases |= {c.lower(), c.upper(), *_IGNORECASE_ALSO.get(c.lower(), "")}
    return cases


_IGNORECASE_ALSO = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _upper_or_first_of(words: list[str]) -> str:
    """A look ahead for a capital or a character one of `words` starts with, in any case:
    one class where they are ASCII."""
    firsts = {w[0] for w in words if w}
    if all(c.isascii() for c in firsts):
        chars = "".join(sorted(re.escape(c) for c in _ascii_cases(firsts)))
        return f"(?=[{_UPPER}{chars}])"
    return f"(?:(?=[{_UPPER}])|{_first_of(words, True)})"


def _by_first_letter(alternation: str) -> str:
    """The words of `alternation` ("mevrouw|mevr\\.?|dhr\\.?", each starting with an
    ASCII letter), for a pattern in any case ((?i:...)): grouped by their first letter, in
    their order within each group, so the same word matches; the letter in both cases
    (and what `re.IGNORECASE` takes for it), written without (?i:). Where many words are
    tried at a place, `re` then looks at one character for each group of them, not at
    each word in turn (a look in any case costs it more than one in a given case)."""
    groups: dict[str, list[str]] = {}
    for word in _ALTERNATIVES.findall(alternation):
        groups.setdefault(word[0].lower(), []).append(word[1:])
    return "(?:" + "|".join(
        f"(?-i:[{''.join(sorted(_ascii_cases(first)))}])(?:{'|'.join(rests)})"
        for first, rests in groups.items()) + ")"


# The alternatives of an alternation that holds groups of one level at most: "geb(?=\s|:)".
_ALTERNATIVES = re.compile(r"(?:[^|()]|\([^()]*\))+")


# Surname particles: never a name on their own ("van de gemeente" is no one).
PARTICLES = frozenset(
    "van de der den het 't ter ten te op in 'in von vom zu du da das dos di del della le la "
    "el al bin ben ibn abu v. v.d. v.d vd v/d".split())
_PARTICLE = r"(?:v\.(?:d\.?)?|vd|v/d|[vV]an|[dD]e[nr]?|[hH]et|'[tT]|[tT]e[rn]?|op|in|von|vom|zu|du|da|dos|di|del|della|le|la|[eE]l|[aA]l|bin|ben|ibn|abu)"
ARTICLES = frozenset("de het een 't the a an".split())
_UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĒĚĞİĪŁŃŇŌŘŚŞŠŤŪŮŹŻŽ"
_LOWER = "a-zß-öø-ÿāćčďēěğıīłńňōřśşšťūůźżž"
_NAME_WORD = rf"[{_UPPER}](?!\.)[\w'’]*(?:-[\w'’]+)*"  # "K." is an initial
_INITIALS = rf"[{_UPPER}]\.(?:[ ]?[{_UPPER}]\.)*"
# Where any word may start a match, a run of initials, particles or street prefixes is
# followed this many words at most, and a word this many characters: from every word of a
# longer run, the pattern would follow it to its end. No name or street has more.
_RUN = 6
_LONGEST_WORD = 80
_INITIALS_RUN = rf"[{_UPPER}]\.(?:[ ]?[{_UPPER}]\.){{0,{_RUN}}}"
_POSSESSIVE = r"(?:['’]s|['’]|s)?"  # "Jansens", "Sanders'", "Ahmed's"

# Numbers that carry their own kind: "dossiernummer 123456782" is a dossier number.
# Any other "...nummer" or "...nr." names its own number ("wachtlijstnummer", "klantnr.").
_NUMBER_KINDS = (
    r"dossier|zaak|order|factuur|klant|polis|registratie|referentie|relatie|contract|"
    r"project|kenmerk|ref|artikel|versie|ticket|melding|aanvraag|invoice|case|reference")
_OTHER_NUMBER_BEFORE = re.compile(
    rf"(?:(?:{_NUMBER_KINDS})"
    r"\w*\.?(?:[ \t]*(?:nr|nummer|no|number|id)\.?)?"
    r"|\w[\w-]*(?:nummer|nr\.?))[ \t]*(?:[:#=]|is|was|luidt)?[ \t]*$", re.IGNORECASE)
# Each of those holds one of these words whole: where none starts in the 40 characters
# before a number, it is no other kind's number. They are looked for with `str.find` in the
# text folded to lower case as `re.IGNORECASE` folds ASCII letters, character for character.
_OTHER_NUMBER_WORDS = (*_NUMBER_KINDS.split("|"), "nummer", "nr")
_ASCII_FOLD = {**{ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
               0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def _other_number_words(text: str) -> list[int]:
    """Where a word of `_OTHER_NUMBER_WORDS` starts, in order."""
    folded = text.translate(_ASCII_FOLD)
    found = []
    for word in _OTHER_NUMBER_WORDS:
        at = folded.find(word)
        while at >= 0:
            found.append(at)
            at = folded.find(word, at + 1)
    return sorted(found)
_BSN_WORD = re.compile(r"\b(?:bsn|burgerservice\w*|sofi)", re.IGNORECASE)
_PHONE_WORD = re.compile(r"\b(?:tel|telefoon|gsm|mobiel|phone|bel|nummer)", re.IGNORECASE)


def _says_other_number(text: str, start: int, own_word: re.Pattern[str], lines: bool) -> bool:
    before = _before(text, start, 40, lines)
    return bool(_OTHER_NUMBER_BEFORE.search(before)) and not own_word.search(before)


def _before(text: str, start: int, width: int, lines: bool) -> str:
    """The `width` characters before `start`; for `scan_lines`, of `start`'s line only."""
    floor = max(0, start - width)
    if lines:
        floor = text.rfind("\n", floor, start) + 1 or floor
    return text[floor:start]


# --- BSN ---------------------------------------------------------------------------------

# Nine digits, typed whole or in groups of two to four with one kind of separator
# ("123 456 782", "1234.56.782", "123-456-782", "123 45 67 82"); the count is checked after.
# (Groups are taken whole, never given back: a shorter group leaves a digit where a
# separator or the end must be, fewer groups leave a separator and a digit.)
_BSN = re.compile(
    r"(?=\d)(?<![\w.,/+-])(?:\d{9}|\d{2,4}+([. -])\d{2,4}+(?:\1\d{2,4}+){1,3}+)"
    r"(?!\w|[.,/-]\d|\1\d)")


def elfproef(digits: str) -> bool:
    """The check every BSN passes: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits, range(9, 1, -1)))
    return (total - int(digits[8])) % 11 == 0


_NOT_A_DIGIT = re.compile(r"\D")


def _bsns(text: str, lines: bool = False) -> Iterable[Finding]:
    for m in _BSN.finditer(text):
        digits = _NOT_A_DIGIT.sub("", m.group())
        if len(digits) == 9 and elfproef(digits) and not _says_other_number(text, m.start(), _BSN_WORD,
                                                                                      lines):
            yield _NEW(Finding, (BSN, m.start(), m.end(), m.group()))


# --- IBAN --------------------------------------------------------------------------------

IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24,
                "IT": 27, "AT": 20, "CH": 21, "PL": 28, "PT": 25, "IE": 22, "DK": 18,
                "SE": 24, "NO": 15, "FI": 18, "TR": 26, "MA": 28, "SR": 0}
_IBAN_CANDIDATE = re.compile(r"(?=[A-Za-z])(?<!\w)[A-Za-z]{2} ?\d{2}(?:[ \t-]?[A-Za-z0-9]){10,31}")


def iban_is_valid(compact: str) -> bool:
    compact = compact.upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if not (15 <= len(compact) <= 34) or (expected is not None and len(compact) != expected):
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit() and compact.isalnum()):
        return False
    rearranged = compact[4:] + compact[:4]
    if rearranged.isascii():  # A -> 10 ... Z -> 35, at once
        return int(rearranged.translate(_LETTER_NUMBERS)) % 97 == 1
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


_LETTER_NUMBERS = {ord(c): str(int(c, 36)) for c in string.ascii_uppercase}


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_IBAN_SEPARATOR = re.compile(r"[ \t-]")


def _ibans(text: str) -> Iterable[Finding]:
    pos = 0
    while m := _IBAN_CANDIDATE.search(text, pos):
        # The candidate may run on into the next words: try each word end, longest first
        # (inside the candidate a word ends before a separator).
        ends = [i for run in _ALNUM_RUN.finditer(text, m.start() + 15, m.end())
                if (i := run.end()) < m.end() or i == len(text) or not text[i].isalnum()][::-1]
        spaced = text[m.start() + 2] == " "  # "NL 91 ...": only a country we know
        end = None if spaced and text[m.start():m.start() + 2].upper() not in IBAN_LENGTHS else next(
            (i for i in ends if iban_is_valid(_IBAN_SEPARATOR.sub("", text[m.start():i]))), None)
        if end is None:
            pos = m.start() + 1
            continue
        yield _NEW(Finding, (IBAN, m.start(), end, text[m.start():end]))
        pos = end


# --- e-mail ------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")


# Written out so no program would read it: "x at y dot nl", "x apenstaartje y punt nl".
_SPELLED_AT = r"(?:at|apenstaartje|apestaartje|\(at\)|\[at\]|\(a\)|\[a\])"
_SPELLED_DOT = r"(?:[ \t]+(?:dot|punt|\(dot\)|\[dot\]|\(punt\)|\[punt\])[ \t]+|\.)"
_EMAIL_SPELLED = re.compile(
    rf"(?=\w)(?<![\w.+-])[\w.+-]{{1,64}}[ \t]+{_SPELLED_AT}[ \t]+[A-Za-z0-9-]{{1,63}}"
    rf"(?:{_SPELLED_DOT}[A-Za-z0-9-]{{1,63}}){{0,3}}{_SPELLED_DOT}"
    r"(?:nl|com|org|net|be|eu|info|nu|de|uk|biz|email|frl)(?![\w-])", re.IGNORECASE)


# The run of characters an address's name is made of, read backwards from its "@".
_EMAIL_NAME_BACKWARDS = re.compile(r"[\w.+-]*")
# What a written-out address holds, to spare the look for one in text without it.
_SPELLED_AT_ALONE = re.compile(rf"[ \t]{_SPELLED_AT}[ \t]", re.IGNORECASE)
_SPACES_BACKWARDS = re.compile(r"[ \t]*")


def _emails(text: str) -> Iterable[Finding]:
    # An address starts where the run of name characters before an "@" starts (`_EMAIL`
    # starts nowhere else): only those places are tried, in order, none inside the one
    # before. (`_EMAIL.finditer` tries every character of the text: of a megabyte of digits,
    # a million.)
    at, backwards = text.find("@"), ""
    if at >= 0:
        backwards, end = text[::-1], 0
        while at >= 0:
            start = len(text) - _EMAIL_NAME_BACKWARDS.match(backwards, len(text) - at).end()
            if start < at and start >= end and (m := _EMAIL.match(text, start)):
                end = m.end()
                yield _NEW(Finding, (EMAIL, start, end, m.group()))
            at = text.find("@", at + 1)
    # A written-out address starts where the name before its "at" starts: from each "at"
    # (each found, one overlapping another too: "x at at y.nl"), back over the spaces and
    # at most 64 name characters, whose start `_EMAIL_SPELLED` may match at, in order.
    end, at = 0, _SPELLED_AT_ALONE.search(text)
    while at:
        name_end = len(text) - _SPACES_BACKWARDS.match(backwards := backwards or text[::-1],
                                                       len(text) - at.start() - 1).end()
        start = len(text) - _EMAIL_NAME_BACKWARDS.match(backwards, len(text) - name_end).end()
        if start >= end and 0 < name_end - start <= 64 and (
                m := _EMAIL_SPELLED.match(text, start)):
            end = m.end()
            yield _NEW(Finding, (EMAIL, start, end, m.group()))
        at = _SPELLED_AT_ALONE.search(text, at.start() + 1)


# --- phone -------------------------------------------------------------------------------

# A candidate is a prefix and a chain of digits: each digit is followed by the next one, or
# by one separator and the next one. A chain has the same end from any of its digits, so the
# pattern follows it for as many digits as a phone number can have (`_PHONE_STEPS`) and
# `_phones` the rest of the way, once per chain: a run of numbers ("12.30 13.45 ...", "06 12
# 34 ...") has a candidate at every group.
_PHONE_SEPARATOR = r"(?:[ \t]?[-–./][ \t]?|[ \t]|\)[ \t]?(?:[-–][ \t]?)?)"
_PHONE_STEP = rf"(?:{_PHONE_SEPARATOR}?\d)"
_PHONE_STEPS = 18  # more digits than any number `phone_is_valid` accepts (at most 16)
_PHONE_START = r"(?<![\w+(])"
_PHONE_HEAD = (r"(?:(?:\+|00|\(\+)[ \t]?(?:31|[1-9]\d{0,2})\)?[ \t]?(?:\(0\)[ \t]?|[-.][ \t]?)?"
               r"|\((?=0\d))?\d")
_PHONE_CANDIDATE = re.compile(rf"{_PHONE_START}{_PHONE_HEAD}{_PHONE_STEP}{{0,{_PHONE_STEPS}}}")
_PHONE_CHAIN = re.compile(rf"{_PHONE_STEP}*")
_DIGITS = re.compile(r"\d+")
_NOT_DIGITS = re.compile(r"\D+")
_AFTER_PHONE = re.compile(r"\w|[.,:]\d")
# A date starts like a phone number ("06-11-2024"); a fourth group makes it one ("06.12.34.56.78").
_DATE_START = re.compile(r"\(?\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?![-/.]?\d)")
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


def phone_is_valid(candidate: str) -> bool:
    """A Dutch number: 0 + 9 digits (no area code starts with 0), or a service number;
    or a foreign one written with its "+" and country code."""
    digits = _NOT_DIGITS.sub("", candidate.replace("(0)", ""))
    international = candidate.startswith(("+", "00", "(+"))
    if international and not digits.removeprefix("00").startswith("31"):
        return candidate.lstrip("(").startswith("+") and 10 <= len(digits) <= 15
    if international:
        digits = "0" + digits.removeprefix("00").removeprefix("31")
    if not digits.startswith("0"):
        return False
    if digits.startswith(_SERVICE_PREFIXES):  # typed as "0800-1234", never "08.00-12.34"
        return len(digits) in (8, 11) and candidate.lstrip("(").startswith(_SERVICE_PREFIXES)
    return len(digits) == 10 and digits[1] != "0"


# The digits of an account number ("NL12 ABNA 0123 4567 89" that fails mod 97) are no phone.
_IBAN_START_BEFORE = re.compile(r"(?<!\w)[A-Za-z]{2} ?\d{2}[ \t-]?[A-Za-z]{4}[ \t-]?$")

# The candidates `_phones` has to look at: a date, one that may pass `phone_is_valid` (ten
# digits from "0" and a second digit other than 0, a service number of 8 or 11, "+" and at
# least ten digits, "00" and 3), or one after the letters of an account number. A candidate
# that is none of these is passed over, as `_phones` would after looking; those within reach
# of a word of `_OTHER_NUMBER_WORDS` (another number's) are looked at one by one.
_PHONE_WORTH_A_LOOK = re.compile(
    rf"(?=[\d+(]){_PHONE_START}(?={_PHONE_HEAD})(?:"
    rf"(?=\(?0{_PHONE_SEPARATOR}?[1-9]{_PHONE_STEP}{{8}}(?!{_AFTER_PHONE.pattern}))"
    rf"|(?=\(?0[89]0[069]{_PHONE_STEP}{{4}}(?:{_PHONE_STEP}{{3}})?(?!{_AFTER_PHONE.pattern}))"
    # "+", a country code of up to three digits and "(0)": five more digits at least
    r"|(?=\(?\+[ \t]?(?:31|[1-9]\d{0,2})\)?[ \t]?(?:\(0\)[ \t]?|[-.][ \t]?)?"
    rf"\d{_PHONE_STEP}{{5}})|(?=00\D{{0,4}}3)"
    r"|(?=\(?\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?![-/.]?\d))"  # _DATE_START
    r"|(?<=[A-Za-z]{4})|(?<=[A-Za-z]{4}[ \t-])|(?<=[A-Za-z]{4}\n)|(?<=[A-Za-z]{4}[ \t-]\n))"
    # Most numbers of a text of them are found here at once ("fast"), as `_phones` would
    # after its looks: ten digits from "0" and a second digit 1-7 (no service number, no
    # "00"), which only a date or the letters of an account number before them, or a word
    # of another number's kind near them, could make no phone number. Of such a number
    # only its tenth digit's end can be valid (eight or eleven digits cannot), and that
    # one is where nothing `_AFTER_PHONE` reads follows. (The steps end at the next digit
    # each: eight of them have one end.)
    rf"(?P<fast>(?<![A-Za-z])(?<![A-Za-z][ \t-])(?!{_DATE_START.pattern})"
    rf"\(?0{_PHONE_SEPARATOR}?[1-7]{_PHONE_STEP}{{8}}(?!{_AFTER_PHONE.pattern}))?")


# The 8th digit of a candidate from its first, then the 10th from the 8th, the 11th from the
# 10th: a step ends right after the next digit, or not at all, so that one step after
# another ends where those steps together end.
_PHONE_STEPS_7, _PHONE_STEPS_2, _PHONE_STEPS_1 = (
    re.compile(rf"{_PHONE_STEP}{{{n}}}") for n in (7, 2, 1))


def _phone_ends(text: str, m: re.Match[str]) -> list[int]:
    """Where a phone number of candidate `m` may end, longest first: the ends of its digit
    groups with 8 to 16 digits (a valid number has 8 to 15, and one more in "(0)"); without
    "+" or "00" in front only 8, 10 or 11 (no "(0)" then). Past `m` there are too many."""
    start = m.start()
    ends = []
    if not text.startswith(("+", "00", "(+"), start):
        first = start + (text[start] == "(")  # "(0": a digit follows
        last, n = m.end(), len(text)
        if not (eighth := _PHONE_STEPS_7.match(text, first + 1, last)):
            return ends
        if tenth := _PHONE_STEPS_2.match(text, eighth.end(), last):
            if (eleventh := _PHONE_STEPS_1.match(text, tenth.end(), last)) and (
                    (i := eleventh.end()) == n or not text[i].isdigit()):
                ends.append(i)
            if (i := tenth.end()) == n or not text[i].isdigit():
                ends.append(i)
        if (i := eighth.end()) == n or not text[i].isdigit():
            ends.append(i)
        return ends
    digits = 0
    for d in _DIGITS.finditer(text, start, m.end()):
        digits += d.end() - d.start()
        if 8 <= digits <= 16 and ((i := d.end()) == len(text) or not text[i].isdigit()):
            ends.append(i)
    return ends[::-1]


def _after_letters(text: str, start: int) -> bool:
    """Whether an ASCII letter ends right before `start`, or before one space, tab or "-"
    there: where `_IBAN_START_BEFORE` may find the letters of an account number."""
    c = text[start - 1:start]
    if c in (" ", "\t", "-"):
        c = text[start - 2:start - 1] if start >= 2 else ""
    return c.isascii() and c.isalpha()


def _phones(text: str, lines: bool = False) -> Iterable[Finding]:
    # Where a word of another number's kind is within reach: (from, to) of possible starts.
    near_word: list[list[int]] = []
    for at in _other_number_words(text):
        if near_word and at + 2 <= near_word[-1][1] + 1:
            near_word[-1][1] = at + 40
        else:
            near_word.append([at + 2, at + 40])
    zone = 0
    chain = (0, 0)  # the chain of digits from chain[0] on ends at chain[1]

    likely: re.Match[str] | None = None
    looked_from = -1  # where the look for `likely` started

    def next_candidate(pos: int) -> int:
        # Each look goes on from where the one before ended (pos only grows): a look from
        # `pos` to the end of the text every time would be quadratic.
        nonlocal zone, likely, looked_from
        if looked_from < 0 or likely and likely.start() < pos:
            likely, looked_from = _PHONE_WORTH_A_LOOK.search(text, pos), pos
        found = likely.start() if likely else len(text)
        # The first stretch near a word, before `found`, that has a candidate from `pos` on;
        # those without stay without.
        while zone < len(near_word) and near_word[zone][0] < found:
            lo, hi = near_word[zone]
            if hi >= pos and (m := _PHONE_CANDIDATE.search(
                    text, max(pos, lo), min(len(text), hi + 30))) and m.start() <= hi:
                found = min(found, m.start())
                break
            zone += 1
        return found

    def candidate_end(m: re.Match[str]) -> int:
        nonlocal chain
        end = m.end()  # after a digit
        if not chain[0] <= end <= chain[1]:
            chain = (end, _PHONE_CHAIN.match(text, end).end())
        return chain[1]

    def near_a_word(start: int) -> bool:
        if not near_word:
            return False
        i = bisect.bisect_left(near_word, [start, start], zone) - 1  # the last from <= start
        return any(lo <= start <= hi for lo, hi in near_word[max(i, 0):i + 2])

    pos, size = 0, len(text)
    while (start := next_candidate(pos)) < size:
        if likely and start == likely.start() and (number := likely["fast"]) and not (
                near_word and near_a_word(start)):
            pos = likely.end()
            yield _NEW(Finding, (PHONE, start, pos, number))
            continue
        m = _PHONE_CANDIDATE.match(text, start)
        if (_DATE_START.match(text, start)
                or near_word and near_a_word(start)
                and _says_other_number(text, start, _PHONE_WORD, lines)
                or _after_letters(text, start)
                and _IBAN_START_BEFORE.search(text[max(0, start - 12):start])):
            pos = candidate_end(m)
            continue
        end = None
        for i in _phone_ends(text, m):
            if phone_is_valid(text[start:i]) and not _AFTER_PHONE.match(text, i):
                end = i
                break
        if end is None:
            pos = start + 1
            continue
        yield _NEW(Finding, (PHONE, start, end, text[start:end]))
        pos = end


# Written out digit by digit: "nul zes een twee drie vier vijf zes zeven acht".
_DIGIT_WORDS = {w: str(d) for d, words in enumerate((
    "nul zero", "een één one", "twee two", "drie three", "vier four", "vijf five",
    "zes six", "zeven seven", "acht eight", "negen nine")) for w in words.split()}
_PHONE_SPELLED = re.compile(
    r"(?=[nNzZ])(?<![\w-])(?i:nul|zero)(?:[ \t,.-]+(?:(?i:" + "|".join(_DIGIT_WORDS)
    + r")|\d{1,8})(?![\w])){1,9}")


def _spelled_phones(text: str) -> Iterable[Finding]:
    for m in _PHONE_SPELLED.finditer(text):
        digits = "".join(_DIGIT_WORDS.get(w.lower(), w) for w in re.findall(r"[\wé]+", m.group()))
        if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
            yield _NEW(Finding, (PHONE, m.start(), m.end(), m.group()))


# --- postcode ----------------------------------------------------------------------------

_POSTCODE = re.compile(
    r"(?=[1-9])(?<![\w€$.,-])([1-9]\d{3})([ \t]?|-(?=[A-Z]{2}))([A-Za-z]{2})(?![\w-])")
# Two-letter words and abbreviations after a number: "in 2024 is", "1980 en", "2000 ha".
_SHORT_WORDS = frozenset(
    "en is in op te om of al na nu ze je we er ik zo uw ga ja da wo do vr za zo ma di de "
    "am an as at be by do go he if it me my no on or so to up us pm cm mm km kg uu st pp "
    "jr nr ct ex pk kw mb gb kb tb ml cl dl mg hz ha ca vs bv nl eu mi ft yd lb oz dd zn "
    "ok tv id".split())
_UNITS = frozenset("KB MB GB TB KM CM MM KG MG ML CL DL PM AM KW MW GW HZ".split())
_POSTCODE_WORD = re.compile(r"postcode|postal code|zip", re.IGNORECASE)
_PLACE_AFTER = re.compile(rf",?[ \t]+[{_UPPER}][a-z]")


def _postcodes(text: str, lines: bool = False) -> Iterable[Finding]:
    for m in _POSTCODE.finditer(text):
        letters = m.group(3)
        if letters.upper() in ("SA", "SD", "SS"):  # letter pairs PostNL never gives out
            continue
        # A word ("in 2024 is") or unit ("1200 MB", "5000 kg") unless a place or the word
        # postcode says otherwise; other letter pairs are a postcode in any case ("1781 ab,").
        if letters.lower() in _SHORT_WORDS or letters.upper() in _UNITS:
            followed_by_place = _PLACE_AFTER.match(text, m.end())
            after_keyword = _POSTCODE_WORD.search(_before(text, m.start(), 20, lines))
            if not letters.isupper() or not (followed_by_place or after_keyword):
                continue
        yield _NEW(Finding, (POSTCODE, m.start(), m.end(), m.group()))


# --- street address ----------------------------------------------------------------------

_SUFFIXES = ("straat|straatje|straatweg|weg|laan|plein|pleintje|kade|gracht|singel|dijk|hof|"
             "pad|dreef|steeg|plantsoen|park|markt|wal|burgwal|haven|veld|baan|erf|akker|"
             "weide|boulevard|allee|promenade|passage|hoeve|vliet|sloot|dam|stroom|zijde|diep|"
             "gouw|vaart|wetering|brink|oever")
_LOWER_SUFFIXES = "straat|laan|plein|kade|gracht|singel|dreef|steeg|plantsoen"
_STREET_PREFIX_WORD = (
    "(?:" + _alternatives(
        "Burgemeester Burg. Prins Prinses Koning Koningin Dokter Dr. Professor Prof. Generaal "
        "Graaf Gravin Sint St. Oude Nieuwe Lange Korte Hoge Lage Grote Kleine Noord Zuid Oost "
        "West Eerste Tweede Derde Binnen Buiten Achter Mr. Pastoor Jonkheer Admiraal Kapitein "
        "Van De Den Der Ter Ten 't".split())
    + rf"|[{_UPPER}]\.|(?!(?:Op|In|Aan|Naar|Bij|Voor|Langs|Over|Vanaf|Tot|Uit|Met|Door|Via|Richting)\b)"
    rf"[{_UPPER}][a-z]+(?=\s+{_PARTICLE}\s))")


def _street_prefix(most: str = "") -> str:
    """Words before a street's name: "Burgemeester Van der", "Prins Hendrik van". A prefix
    word, then prefix words and particles: each of them one step that is not taken back
    ("Van" is either, the same way); after the first, at most `most` of them."""
    return (rf"(?:(?>{_STREET_PREFIX_WORD}\s+)"
            rf"(?>(?:{_STREET_PREFIX_WORD}|{_PARTICLE})\s+){{0,{most}}})?")


_HOUSE_NUMBER = (
    r"[1-9]\d{0,3}"
    r"(?:[ \t]?[-/][ \t]?(?:\d{1,4}|[A-Za-z]{1,4})(?!\w)|[A-Za-z](?![\w])"
    r"|[ \t](?:bis|hs|huis|[A-HJ-Z])(?!\w))?"
    r"(?![\d:]|[.,]\d)")
# Any word may start an address: where a street's name may follow, it is looked for in the
# next `_RUN` words only; a word is one when it ends, followed by a space, with one of the
# `_SUFFIXES`, within `_LONGEST_WORD` characters (a word of "'"s would be looked through from
# every one of them).
_SUFFIX_BEHIND = "|".join(  # by their last letter: one look at most words
    f"(?<={last})(?:" + "|".join(f"(?<={suffix})" for suffix in group) + ")"
    for last, group in itertools.groupby(sorted(_SUFFIXES.split("|"), key=lambda x: x[-1]),
                                         key=lambda x: x[-1]))
_ADDRESS = re.compile(
    rf"(?=[{_UPPER}{_LOWER}'])(?<![\w-])(?:"
    # (a prefix, then a street's name or one of the names that are a street on their own;
    # the house number comes after at most that many words)
    rf"(?=[{_UPPER}'])(?=(?:\S{{0,{_LONGEST_WORD}}}+\s++){{1,{_RUN + 2}}}?[1-9])"
    rf"{_street_prefix(_RUN)}(?:[{_UPPER}]"
    rf"(?=[\w'’-]{{0,{_LONGEST_WORD}}}+(?=\s)(?i:{_SUFFIX_BEHIND}))[\w'’-]*?(?i:{_SUFFIXES})"
    rf"|(?:Markt|Plein|Kade|Singel|Gracht|Dreef|Steeg|Boulevard))"
    # (a word in lower case: looked at only where a number follows it, see below)
    rf"|(?=[{_LOWER}-]++\s++[1-9])[{_LOWER}][{_LOWER}-]+(?:{_LOWER_SUFFIXES})"
    rf"|(?:Laan|Plein|Kade|Weg|Singel|Dreef|Straat|Steeg|Gracht)(?:\s+{_PARTICLE})+"
    rf"(?:\s+[{_UPPER}][\w'’-]*){{1,2}}"
    rf")\s+(?P<number>{_HOUSE_NUMBER})")
# Words that end like a street but are not one ("Onderweg 2 keer gebeld").
_NOT_STREETS = frozenset(
    "onderweg halfweg halverweg allerweg loopbaan werkbaan arbeidsmarkt woningmarkt "
    "werkveld speelveld middenveld zorgpad leerpad behandelpad zorgpark amsterdam "
    "rotterdam schiedam zaandam edam volendam monnickendam spijkenisse".split())


# English order: "12 Dorpsstraat".
# (After the number a capital, or the "'" of "'t", starts the street or its prefix: a look
# for that first spares the prefix words after each number of a text of numbers.)
_NUMBER_FIRST_ADDRESS = re.compile(
    rf"(?=[1-9])(?<![\w.,-])[1-9]\d{{0,3}}[a-zA-Z]?[ \t]+(?=[{_UPPER}']){_street_prefix()}"
    rf"[{_UPPER}][\w'’-]*?(?:{_SUFFIXES})(?![\w-])")


# Abbreviated: "Kerkstr. 3", "Dorpsstr 12", "Stationsln. 4", "v. Galenstr. 8".
_ABBREVIATED_STREET = re.compile(
    rf"(?=[{_UPPER}])(?<![\w-]){_street_prefix(2)}"
    # The street's word is the whole word before the number (what follows it, a full stop
    # or a space, ends a word), of `_LONGEST_WORD` and 5 characters at most: a word
    # without a number after it is looked at no further.
    rf"(?=[\w'’-]{{1,{_LONGEST_WORD + 5}}}+(?:\.[ \t]*|[ \t]+)[1-9])"
    rf"[{_UPPER}][\w'’-]{{0,{_LONGEST_WORD}}}?"
    rf"(?:str|ln|pln|gr|sngl|kd)(?:\.[ \t]*|[ \t]+)(?P<number>{_HOUSE_NUMBER})")


# A street's suffix at the end of a word of a text (`_words_of`), or before a character no
# word holds: in a text where no word ends so, there is no street of `_ADDRESS` (the
# street's word, or "Laan" and the like, is followed by a space) or of
# `_NUMBER_FIRST_ADDRESS` (followed by no word character or "-").
# (Looked for from a word's last character back: the suffixes are tried only there.)
_SUFFIX_ENDS_A_WORD = re.compile(rf"\w(?=\n|\Z)(?i:{_SUFFIX_BEHIND})")
_SUFFIX_ENDS = re.compile(rf"\w(?![\w-])(?i:{_SUFFIX_BEHIND})")


def _addresses(text: str, words: str | None = None) -> Iterable[Finding]:
    """`words`: the text's words (`_words_of`), to pass over the look for a street by
    its name where no word of the text ends as one does."""
    for m in _ABBREVIATED_STREET.finditer(text):
        yield _NEW(Finding, (ADDRESS, m.start(), m.end(), m.group()))
    suffixed = words is None or bool(_SUFFIX_ENDS.search(words))
    for m in _NUMBER_FIRST_ADDRESS.finditer(text) if suffixed else ():
        if text[m.start():m.end()].split()[-1].lower() not in _NOT_STREETS:
            yield _NEW(Finding, (ADDRESS, m.start(), m.end(), m.group()))
    suffixed = words is None or bool(_SUFFIX_ENDS_A_WORD.search(words))
    for m in _ADDRESS.finditer(text) if suffixed else ():
        street = text[m.start():m.start("number")].split()
        number = _DIGITS.match(m.group("number")).group()
        if street[-1].lower() in _NOT_STREETS or (len(number) == 4 and 1800 <= int(number) < 2100):
            continue
        yield _NEW(Finding, (ADDRESS, m.start(), m.end(), m.group()))


# --- date of birth -----------------------------------------------------------------------

_MONTH = _by_first_letter(
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    "november|december|january|february|march|may|june|july|august|october|"
    "jan|feb|febr|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec") + r"\.?"
_YEAR = r"(?:\d{4}|'\d{2})"
_DATE = re.compile(
    rf"(?=[\djfmasond])(?<![\w/-])(?<!\d\.)(?:"  # "geb.12-03-1980" is a date, "versie 2.12-03-2024" not
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|'?\d{{2}})"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}(?:e|de|ste|st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+{_YEAR}"
    rf"|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+{_YEAR}"
    # a month and a year: "geboren in juni 1979" (a year alone says too little)
    rf"|{_MONTH}[ \t]+(?:(?:19|20)\d{{2}}|'\d{{2}})"
    rf")(?![\w/-]|[.]\d)", re.IGNORECASE)
_BIRTH_WORD = re.compile(
    r"(?=[gbdt*])(?:(?<!\w)" + _by_first_letter(
        r"geboren|geb\.|geb(?=\s|:)|geboortedat\w*|geboortedag|geboortejaar|"
        r"geboortemaand|born|dob|d\.o\.b\.|"
        r"date of birth|birth date|birthdate|datum van geboorte|bevallen|ter wereld") +
    # "Mevrouw Pinas, * 12 maart 1980": an asterisk inside a line, right before a date.
    r"|(?<=[^\s*][ \t])\*(?=[ \t]?\d)|(?<=\()\*(?=[ \t]?\d))", re.IGNORECASE)
# Words that may come after the date: "is op 12 maart 1980 in Hoorn geboren", "(geb.)";
# a label ("Intake 12-03-2025, geboortedatum onbekend") comes before its date.
_BIRTH_AFTER = frozenset(("geboren", "born", "ter wereld"))
_BIRTH_RIGHT_AFTER = _BIRTH_AFTER | {"geb.", "geb", "*"}
_SENTENCE_BREAK = re.compile(r"[!?\n]|\.\s+[A-Z]")
_CLAUSE_BREAK = re.compile(r"[!?\n;:]|\.\s")
# "geboren 3-3-2015 (Daan) en 17-7-2017 (Sara)", "zoon 3-3-'15, oudste 14-6-'12".
_FAMILY = (r"(?:zoon|dochter|oudste|jongste|middelste|broer|broertje|zus|zusje|kind|baby|"
           r"tweeling|moeder|vader|partner|son|daughter|eldest|youngest|brother|sister|"
           r"mother|father)")
# (Every run of spaces is taken whole, never given back: what follows each starts otherwise,
# and a long run between two dates is read once.)
_DATE_JOIN = re.compile(
    rf"^(?:\s*+\([^()\n]{{1,30}}\))?[\s,;&]*+(?:(?:en|and|resp\.|respectievelijk)\s++)?"
    rf"(?:(?:(?:de|het|the|haar|zijn|her|his)\s++)?{_FAMILY}\s*+(?:(?:op|on|:)\s*+)?)?$",
    re.IGNORECASE)


def _birth_dates(text: str, lines: bool = False) -> Iterable[Finding]:
    words = [(*m.span(), m.group()) for m in _BIRTH_WORD.finditer(text)]
    if not words:  # then no date is chosen: spare the look for dates
        return
    dates = [(*m.span(), m.group()) for m in _DATE.finditer(text)]
    starts = [start for start, _end, _date in dates]
    chosen: set[int] = set()
    sentence_break, clause_break = _SENTENCE_BREAK.search, _CLAUSE_BREAK.search
    for word_start, word_end, word in words:
        i = bisect.bisect_left(starts, word_end)  # the first date after the word
        reach = 1 if word == "*" else 60
        if i < len(dates) and starts[i] - word_end <= reach and not sentence_break(
                text, word_end, starts[i]):
            chosen.add(i)
        if not i:
            continue
        after, gap, date_end = word.lower(), word_start - dates[i - 1][1], dates[i - 1][1]
        if after in _BIRTH_RIGHT_AFTER and 0 <= gap <= 4 and not (
                lines and "\n" in text[date_end:word_start]):
            chosen.add(i - 1)
        elif (after in _BIRTH_AFTER and 0 <= gap <= 30
              and not clause_break(text, date_end, word_start)):
            chosen.add(i - 1)
    # "geboren op 1-2-1980 en 3-4-1982": dates joined to a date of birth are ones too.
    for i in range(len(dates) - 1):
        if i in chosen and _DATE_JOIN.match(text[dates[i][1]:starts[i + 1]]):
            chosen.add(i + 1)
    for i in sorted(chosen):
        start, end, date = dates[i]
        if _date_is_plausible(date):
            yield _NEW(Finding, (BIRTH_DATE, start, end, date))


_YEAR_FIRST_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DAY_FIRST_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]'?\d+")


def _date_is_plausible(date: str) -> bool:
    """Day and month in range; the year is any."""
    numbers = [int(n) for n in _DIGITS.findall(date)]
    if len(numbers) == 1 and not _DIGITS.match(date):  # "juni 1979"
        return True
    if _YEAR_FIRST_DATE.fullmatch(date):
        _year, month, day = numbers
    elif _DAY_FIRST_DATE.fullmatch(date):
        day, month, _year = numbers
    else:
        day, month = numbers[0], 1
    return 1 <= month <= 12 and 1 <= day <= 31


# --- names after a form of address -------------------------------------------------------

_TITLE = (r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de[ \t]+heer|familie|fam\.|"
          r"mrs\.?|mr\.?|ms\.?|miss|juffrouw|mejuffrouw|dr\.?|drs\.?|ir\.|prof\.?|gezin)")
_TITLE_FIRST = "(?=(?i:[mdfjgip]))"  # the first letters of the forms of address
_TITLE_GROUPED = _by_first_letter(_TITLE[3:-1])  # (what is inside "(?:...)")
_TITLED_NAME = re.compile(
    rf"{_TITLE_FIRST}(?<![\w.])(?P<title>(?i:{_TITLE_GROUPED}))"
    # "mevr.Jansen", "Dhr.Öztürk": typed without a space after the full stop.
    rf"(?P<name>(?:(?:[ \t]+|(?<=\.)){_INITIALS})?(?:(?:[ \t]+|(?<=\.)){_PARTICLE})*"
    rf"(?:[ \t]+|(?<=\.)){_NAME_WORD}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}){{0,2}}"
    rf"|[ \t]+{_INITIALS})")
# Capitalised words after a form of address that are no name ("Mevrouw de Voorzitter").
_NOT_NAMES = frozenset(
    "voorzitter wethouder burgemeester directeur directrice minister notulist notuliste "
    "secretaris rechter officier president chair chairman chairwoman speaker "
    "consulent coördinator manager teamleider buurman buurvrouw postbode huisbaas "
    "huisarts dokter agent wijkagent docent leraar lerares juf meester cliënt client "
    "moeder vader zoon dochter opa oma gastvrouw gastheer penningmeester voorzitster "
    "secretaresse notaris advocaat bewindvoerder mentor ambtenaar griffier verpleegkundige "
    "hulpverlener begeleider casemanager klantmanager coach tolk madam sir mayor "
    "secretary casusinbrenger inbrenger procesbegeleider gespreksleider tijdbewaker "
    "deelnemer spreker vertegenwoordiger gast".split())


def _is_office(word: str) -> bool:
    """A word after a form of address that names a role, not a person ("de gastvrouw")."""
    word = word.strip("'’").lower()
    return word in _NOT_NAMES or word.endswith(("vrouw", "meester", "houder"))


# A street after a title is no name: "Dr. Schaepmanstraat", "Burg. de Vlugtlaan".
# (Not -dijk, -laan, -kade: "Oosterdijk", "Verlaan", "Verkade" are surnames.)
_STREET_WORD = re.compile(r"\w+(?:straat|plein|plantsoen|gracht|singel|steeg)", re.IGNORECASE)


# A name in lower case after a form of address ("mw jansen belde") cannot be told by its
# shape: it is one when it is none of the words that usually follow "mevrouw" or "meneer".
_TITLED_LOWER_NAME = re.compile(
    rf"{_TITLE_FIRST}(?<![\w.])(?P<title>(?i:{_TITLE_GROUPED}))[ \t]+"
    rf"(?P<name>(?:(?:van der|van den|van de|van 't|van|de|ter|ten|el|al)[ \t]+)?"
    rf"[{_LOWER}][{_LOWER}'’-]+)(?![\w.-])")
# "meneer van de thuiszorg" is someone from an organisation; after a short form of address
# ("dhr van dam", "mw el amrani") such particles begin a name.
_SHORT_TITLE = re.compile(r"(?i:dhr|mw|mevr|mnr|fam)\.?")
_OWN_PARTICLES_ONLY_AFTER_SHORT_TITLE = ("van ", "el ", "al ")  # not "van der", "van den"
_COMMON_AFTER_TITLE = frozenset("""
    aan achter af al alleen als altijd des anders eigenlijk nauwelijks vaak soms nooit
    steeds weer graag liever wel vooral juist zeker misschien waarschijnlijk inmiddels
    intussen meteen direct pas later opnieuw daarom hierover erg heel zeer best echt
    vanochtend gisteren vandaag morgen thuis ooit zelden regelmatig hierdoor daardoor begrijpt begint bekend belde belt bent bij bleef blijft
    blijkt boos daar daarna dacht dan dat de deed denkt deze die dit doet door dus echter een
    eerst en er ervaart even ging geeft gaf gaat geen gelukkig gezegd had heeft helaas het
    hier hij hoe hoort huilde huilt in is ja je kan kijkt kon komt kreeg krijgt kwam laat
    legt liet leek lijkt maakt maar mag meer met mocht moest moet na naar natuurlijk nee niet
    nog nu of ok om ondanks ontvangt ook op over reageert reageerde schaamt sprak spreekt staat
    stond te tegen toch toen tot uit uiteraard van vanuit vertelt vertelde vindt vond voelt
    voelde voor vraagt vroeg waar was wat weet werd werkt wil wilde wist woont word wordt
    zag zal zat zegt zei zelf zich zie ziet zij zijn zit zo zou zoals zoekt zonder
    and are as asked at but came can could did does feels for from gave gets had has have
    he her his in is later lives may might must not of on or said says she still tells the
    to told wants was went were who will with would
    klopt betaalt betaalde rookt drinkt slaapt sliep eet at ligt lag loopt liep rijdt reed
    kookt leest las schrijft schreef tekent tekende stuurt stuurde kent kende hoopt hoopte
    twijfelt antwoordt antwoordde herhaalt neemt nam brengt bracht haalt haalde mist miste
    verliest verloor ontkent erkent wacht wachtte slikt gebruikt raakt schrok schrikt lacht
    lachte zwijgt zweeg noemt noemde durft durfde weigert weigerde accepteert stemt stemde
    kiest koos trekt woonde verhuist verhuisde maakte heb hebben worden kunnen willen moeten
    samen vanmiddag vanavond vorige volgende afgelopen eerder sinds tijdens omdat terwijl
    zodat wanneer niks niets iets veel weinig verder ervan erover zou zelfstandig
    also called calls needs thinks agreed refused cannot""".split())


# The forms of address of `_TITLE`, and what each looks like in one word of a text ("de
# heer" is two words, the second "heer").
_TITLES = _ALTERNATIVES.findall(_TITLE[3:-1])
_TITLE_IN_A_WORD = [re.compile("(?i:" + t.replace(r"de[ \t]+heer", "heer") + ")")
                    for t in _TITLES]


def _titles_in(words: str) -> tuple[str, ...]:
    """The forms of address of `_TITLES` that may begin a name in a text of `words`
    (`_words_of`): those that match where `_TITLE_IN_WORDS` finds one (which is where each
    of them may start, no form of address holding a character that ends a word)."""
    at = [m.start() for m in _TITLE_IN_WORDS.finditer(words)]
    return tuple(title for title, check in zip(_TITLES, _TITLE_IN_A_WORD)
                 if any(check.match(words, i) for i in at))


@functools.lru_cache(maxsize=64)
def _titled(titles: tuple[str, ...], lower: bool) -> re.Pattern[str]:
    """`_TITLED_LOWER_NAME` (`lower`) or `_TITLED_NAME` with some of the forms of address
    only (in a long text, those it holds; see `_cues_in`)."""
    pattern = (_TITLED_LOWER_NAME if lower else _TITLED_NAME).pattern
    return re.compile(_first_of(titles, True) + pattern.replace(
        _TITLE_GROUPED, _by_first_letter("|".join(titles)), 1))


def _titled_names(text: str, text_words: str | None = None) -> Iterable[Finding]:
    """`text_words`: the text's words (`_words_of`); in a long text only the forms of
    address it holds are looked for."""
    lower_names, names = _TITLED_LOWER_NAME, _TITLED_NAME
    if text_words is not None and len(text) > _LONG:
        titles = _titles_in(text_words)
        if not titles:
            return
        lower_names, names = _titled(titles, True), _titled(titles, False)
    for m in lower_names.finditer(text):
        last = m.group("name").split()[-1].strip("'’")
        if (m.group("name").startswith(_OWN_PARTICLES_ONLY_AFTER_SHORT_TITLE)
                and not m.group("name").startswith(("van der ", "van den ", "van 't "))
                and not _SHORT_TITLE.fullmatch(m.group("title"))):
            continue
        if m.group("title").lower() == "gezin":  # "het gezin krijgt", "gezin centraal"
            continue
        if (m.group("title") not in ("MW", "MS") and last not in _COMMON_AFTER_TITLE
                and not _is_office(last) and last not in PARTICLES and not _a_verb(last)):
            yield _NEW(Finding, (NAME, m.start(), m.end(), m.group()))
    for m in names.finditer(text):
        title = m.group("title")
        if title in ("MW", "MS"):  # maatschappelijk werk, multiple sclerose
            continue
        words = m.group("name").split()
        # Stop at the first word that is no name: "Mevrouw Jansen Belde" keeps "Jansen".
        kept = []
        for word in words:
            if _is_office(word) or _STREET_WORD.fullmatch(word):
                break
            # In capitals a name cannot be told from the words after it: keep one.
            # An acronym after a name is an organisation: "Dr Visser van de GGZ".
            if word.isupper() and len(word) > 1 and any(
                    w.lower() not in PARTICLES for w in kept):
                break
            kept.append(word)
        while kept and kept[-1].lower() in PARTICLES:
            kept.pop()
        if all(w.lower() in PARTICLES for w in kept):
            continue
        name_end = m.start("name") + _end_of_words(m.group("name"), len(kept))
        yield _NEW(Finding, (NAME, m.start(), name_end, text[m.start():name_end]))


def _a_verb(word: str) -> bool:
    """A lower-case word after "meneer" that the lexicon knows as a word, not a name:
    "Meneer houdt regie". A present tense in -dt is never a surname here."""
    from .lexicon import lexicon

    lex = lexicon()
    if word in lex.surnames:
        return False
    return (word.endswith("dt") or word in lex.common_words or word in _never_a_name()
            or word in _INFINITIVES_AFTER_TITLE)


# What a note asks to do with someone, in lower case after "meneer" or "mevrouw": "de
# meneer vragen wat hij nodig heeft" made "vragen" a name, and every "vragen" after it (a
# student's find). Only there: capitalised, "Bellen" may be a surname.
_INFINITIVES_AFTER_TITLE = frozenset("""
    aanmelden aanspreken adviseren begeleiden begrijpen benaderen bellen betrekken
    bezoeken bijstaan brengen doorverwijzen halen helpen herinneren horen informeren laten
    mailen motiveren ondersteunen opbellen ophalen opzoeken spreken steunen sturen
    uitleggen uitnodigen vertellen volgen vragen wijzen zeggen zien""".split())


# English puts the family after the name: "the Jansen family", "the Van Dijk family".
_FAMILY_AFTER = re.compile(
    rf"(?=[tT])(?<![\w.])(?i:the)[ \t]+(?P<name>(?:{_PARTICLE}[ \t]+)*{_NAME_WORD}"
    rf"(?:[ \t]+{_NAME_WORD})?)[ \t]+(?i:family|household)\b")


_NOT_FAMILY_NAMES = re.compile(
    r"(?i:royal|dutch|french|greek|thai|swiss|whole|extended|foster|host|other|same|new|old|"
    r"\w+(?:ish|ese|ian|ean))")


def _family_names(text: str) -> Iterable[Finding]:
    for m in _FAMILY_AFTER.finditer(text):
        if not any(_is_office(w) or _NOT_FAMILY_NAMES.fullmatch(w) for w in m.group("name").split()):
            yield _NEW(Finding, (NAME, m.start("name"), m.end("name"), m.group("name")))


def _end_of_words(s: str, count: int) -> int:
    spans = [w.end() for w in _WORDS.finditer(s)]
    return spans[count - 1]


# --- a surname after initials ("J. Visser", "A.M. de Boer") -----------------------------

_INITIALED_NAME = re.compile(
    rf"(?=[{_UPPER}])(?<![\w.])(?P<initials>[{_UPPER}]\.(?:[ ]?[{_UPPER}]\.){{0,3}})[ ]?"
    rf"(?:(?:{_PARTICLE})[ ]+)*(?P<surname>[{_UPPER}][{_LOWER}'’]+"
    rf"(?:-(?:(?:{_PARTICLE})-)*[{_UPPER}][{_LOWER}]+)?)"
    # not in a file or domain name, nor in an e-mail address ("J.Visser@..."), looked for as
    # far as a word goes (from every "-A.Bb" of "-A.Bb-A.Bb..." it would be to the end)
    rf"(?![\w.]{{0,{_LONGEST_WORD}}}\.\w|[\w.+-]{{0,{_LONGEST_WORD}}}@)")
# One capital and a full stop may end a sentence: "vitamine D. Daarna", "plan B. We".
_LETTER_NAMERS = frozenset("""
    plan vitamine bijlage groep type artikel klasse optie fase stap punt blok hal zaal
    kamer lid sub model variant scenario versie categorie niveau deel route lijn bus vak
    afdeling gebouw team wijk regio pagina figuur tabel hoofdstuk sectie annex appendix
    option phase step group class section chapter page figure vitamin""".split())
_NOT_SURNAMES = frozenset("""
    de het een daarna dan ze zij hij we wij ik er dit dat die deze ook maar en of als in
    op na voor bij met nu toen verder tot om zo je hun haar zijn mijn onze wat wie waar
    hoe waarom welke niet geen alle iedereen niemand graag ja nee oké dus want omdat
    the a an he she they it this that then but and so we you our his her there what
    when where who why how yes no not""".split())


_ABBREVIATIONS = frozenset("B.V. N.V. C.V. V.O.F. E.U. U.S. U.K. V.S. N.B. P.S. A.S. T.V.".split())


def _initialed_names(text: str) -> Iterable[Finding]:
    for m in _INITIALED_NAME.finditer(text):
        initials = m.group("initials").replace(" ", "")
        if m.group("surname").lower() in _NOT_SURNAMES or initials in _ABBREVIATIONS:
            continue
        if len(initials) == 2 and _word_before_is(text, m.start(), _LETTER_NAMERS):
            continue
        start = m.start()
        # A first name before the initials belongs to the name: "Jan K. Smit".
        first = re.search(rf"(?<![\w.])[{_UPPER}][{_LOWER}]+[ ]$", text[max(0, start - 30):start])
        if first and first.group().strip().lower() not in _NOT_SURNAMES | _LETTER_NAMERS:
            start -= len(first.group())
        yield _NEW(Finding, (NAME, start, m.end(), text[start:m.end()]))


# --- common first names nobody listed ("Gerda belde", "Sanne de Vries") ------------------

# Frequent first names in Dutch neighbourhoods, as typed (capitalised). Left out: names that
# are also words or places at the start of a sentence (Wil, Ben, Can, May, Max, Roos, Iris,
# Floor, Job, Storm, Milan, Said, Mark, Toon, Harm) and names of public places (Albert Heijn,
# Juliana).
_FIRST_NAMES = frozenset("""
    Anouk Sanne Gerda Ineke Tineke Mieke Marieke Annemieke Truus Els Wilma Ria Corry Marja
    Petra Monique Yvonne Linda Sandra Esther Ingrid Karin Marian Marianne Renate Bianca
    Patricia Carla Hanneke Mirjam Judith Annelies Anja Astrid Carolien Daphne Denise Evelien
    Femke Greet Hilde Jolanda Joyce Karen Kirsten Laura Lies Loes Maaike Manon Marjolein
    Martine Nicole Paula Rianne Saskia Simone Suzanne Willeke Yvette Wendy Miriam Naomi
    Rebecca Ruth Chantal Priscilla Natasha Kimberley Tamara Melissa Jessica Samantha Debora
    Rachel Lotte Lotje Lieke Eva Emma Julia Sophie Sofie Sophia Sofia Anna Sara Sarah Lisa
    Mila Tess Noa Nina Evi Fenna Zoë Isa Yara Jasmijn Saar Fleur Merel Noortje Romy Demi
    Britt Janneke Fien Olivia Mia Lina Elin Liv Hanna Hannah Ilse Anke Baukje Froukje Geertje
    Wietske Sietske Tjitske Jildou Marrit Henk Gerard Kees Jan Piet Klaas Willem Wim Hans
    Peter Erik Frank Marco Martin Ruud René Arjan Jeroen Sander Bart Dennis Niels Thijs Joost
    Maarten Ruben Lars Tom Daan Sem Finn Jesse Lucas Levi Noah Liam Julian Thomas Gijs Teun
    Mees Jens Hugo Olivier Jasper Koen Wouter Bram Luuk Stijn Rik Dirk Gert Gerrit Hendrik
    Johan Johannes Cornelis Pieter Hennie Bert Jos Theo Frits Fred Anton Kevin
    Mike Michael Patrick Richard Robert Stefan Vincent Paul Jeffrey Ricardo Romano Jermaine
    Dwight Glenn Marvin Sjoerd Tjeerd Hylke Jelle Rients Sytse Kim Tim Pim Guus Joep Tijn
    Mohamed Mohammed Muhammed Ahmed Ahmad Mustafa Youssef Yusuf Omar Hassan Hasan Hussein
    Hüseyin Hamza Ibrahim Ismail Karim Khalid Rachid Bilal Rayan Ilias Ilyas Soufiane Nassim
    Mounir Jamal Driss Samir Mahmoud Abdullah Mehmet Emre Burak Murat Kemal Hakan Tarik
    Ömer Yasin Deniz Fatima Khadija Aisha Aicha Amina Nadia Samira Yasmina Yasmine Naima
    Malika Latifa Souad Hafsa Imane Salma Sanae Dounia Ikram Ilham Layla Leila Nour Rania
    Hiba Zainab Maryam Ayşe Ayse Fatma Elif Zeynep Esra Özlem Hatice Emine Priya Anjali
    Rajesh Ravi Sunil Anil Dewi Piotr Tomasz Krzysztof Marek Agnieszka Katarzyna Magdalena
    Olga Irina Natalia Oksana Andriy Dmytro Tesfay Yonas Semhar Senait Abdi Hodan Amal
    """.split())
_FIRST_NAME = re.compile(
    rf"{_first_of(_FIRST_NAMES)}(?<![\w'’.-])(?P<first>{_alternatives(_FIRST_NAMES)})"
    rf"(?P<rest>(?:[ \t]+(?:{_PARTICLE}[ \t]+)*[{_UPPER}][{_LOWER}'’]+"
    rf"(?:-(?:(?:{_PARTICLE})-)*[{_UPPER}]?[{_LOWER}]+)*){{0,2}})"
    rf"{_POSSESSIVE}(?![\w-])")
# Words before a first name that make it a saint, a royal or a place: "Sint Jan".
_NOT_BEFORE_FIRST_NAME = ARTICLES | frozenset(
    "sint st koning koningin prins prinses keizer keizerin paus heilige".split())
# A first name at the head of a street, a building or a place is no person.
_NOT_PERSON_AFTER = re.compile(  # (fullmatch: word characters ending with one of these)
    r"\w*+(?:" + "|".join(f"(?<={w})" for w in (
        f"{_SUFFIXES}|ziekenhuis|kinderziekenhuis|school|college|huis|kliniek|centrum|"
        "fonds|stichting|kerk|moskee|hal|paulowna|polder|dorp|frank").split("|")) + ")",
    re.IGNORECASE)


_NUMBER_AFTER = re.compile(r"\.?[ \t]*\d")


@functools.lru_cache(maxsize=4096)
def _first_name_rest(rest: str) -> tuple[bool, bool]:
    """Of the words after a first name: whether one makes it no person (a street, a
    school), and whether one is no surname ("Karin Daarna"). (The same few words follow
    a name again and again: each is weighed once.)"""
    words = rest.split()
    return (any(_NOT_PERSON_AFTER.fullmatch(w) for w in words),
            any(w.lower() in _NOT_SURNAMES for w in words if w.lower() not in PARTICLES))


def _first_names(text: str) -> Iterable[Finding]:
    for m in _FIRST_NAME.finditer(text):
        start, end = m.span()
        no_person, no_surname = _first_name_rest(m.group("rest"))
        if no_person or _word_before_is(text, start, _NOT_BEFORE_FIRST_NAME):
            continue
        # "Jan 2024" is January; a capitalised word after the name is its surname unless it
        # is no name ("Karin Daarna" cannot follow without a full stop, "Henk En" can).
        if m.group("first") == "Jan" and _NUMBER_AFTER.match(text, end):
            continue
        if no_surname:
            end = m.end("first")
        yield _NEW(Finding, (NAME, start, end, text[start:end]))


# --- names where a name stands (issue 24) ------------------------------------------------
#
# A capitalised word is a name when the words around it say so: after a family word ("Oma
# Jannie"), a role ("Huisarts De Groot"), "van"/"met"/"bij" when two such words follow
# ("de casus van Jorieke Plasman") or the one is a known first name, before an age or a
# family word in brackets ("Daan (9)"), or joined to a first name by a hyphen
# ("Anne-Fleur"). It is none when it is a word the lexicon knows otherwise: an
# organisation, a role, a common word, a month (see `lexicon`).

_SURNAME_PARTICLE = r"(?:[vV]an|[dD]e[nr]?|[tT]e[rn]|'[tT]|[eE]l|[aA]l)"
_NAME_TOKEN = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)*"
_TWO_TOKENS = (rf"{_NAME_TOKEN}(?:[ \t]+(?:{_SURNAME_PARTICLE}[ \t]+){{0,3}}{_NAME_TOKEN})?")
_CALENDAR = frozenset("""
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag pasen kerst kerstmis
    pinksteren sinterklaas oud nieuw ramadan suikerfeest offerfeest january february march
    may june july august october monday tuesday wednesday thursday friday saturday sunday
    christmas easter
    engels nederlands arabisch turks pools duits frans spaans portugees russisch
    oekraïens tigrinya somalisch berbers tamazight papiaments sranantongo farsi dari koerdisch
    sint st koning koningin prins prinses willem-alexander""".split())


@functools.lru_cache(maxsize=1)
def _never_a_name() -> frozenset[str]:
    from .lexicon import INSTITUTION_WORDS, KINSHIP, ROLES

    return (INSTITUTION_WORDS | KINSHIP | ROLES | _NOT_NAMES | _NOT_SURNAMES | _CALENDAR
            | _COMMON_AFTER_TITLE | PARTICLES)


_no_name_lexicon: object = None  # the lexicon `_no_name_said` holds verdicts of
_no_name_said: dict[str, bool] = {}


def _no_name(word: str) -> bool:
    """Whether the lexicon says a capitalised word is something other than a name. (Each
    word is weighed once for a lexicon: a text names the same words again and again.)"""
    from .lexicon import lexicon

    global _no_name_lexicon, _no_name_said
    lex = lexicon()
    if lex is not _no_name_lexicon:
        _no_name_lexicon, _no_name_said = lex, {}
    said = _no_name_said.get(word)
    if said is None:
        if len(_no_name_said) > 50_000:
            _no_name_said.clear()
        said = _no_name_said[word] = _weigh_no_name(word, lex)
    return said


def _weigh_no_name(word: str, lex) -> bool:
    w = word.strip("'’").lower()
    if w in _never_a_name():  # "Willem-Alexander" is the king
        return True
    if "-" in w:
        return any(_no_name(part) for part in w.split("-") if part)
    if len(w) < 2 or w in _never_a_name():
        return True
    if w in lex.first_names or w in lex.surnames:
        return False
    return w in lex.places or w in lex.common_words


def _name_words(name: str) -> list[str]:
    return [w for w in _WORDS.findall(name) if w.lower() not in PARTICLES]


def _from_words(text: str, start: int, name: str, words_kept: int) -> Finding | None:
    """A finding of the first `words_kept` name words of `name` (at `start`), their
    particles with them; None when none is kept."""
    if words_kept <= 0:
        return None
    count, end = 0, start
    for m in _WORDS.finditer(name):
        if m.group().lower() not in PARTICLES:
            count += 1
        end = start + m.end()
        if count == words_kept:
            break
    first = next((m.start() for m in _WORDS.finditer(name)
                  if m.group().lower() not in PARTICLES or m.group()[0].isupper()), 0)
    return _NEW(Finding, (NAME, start + first, end, text[start + first:end]))


def _kept_words(name: str) -> int:
    """How many of `name`'s words, from the first, the lexicon lets be a name."""
    kept = 0
    for word in _name_words(name):
        if _no_name(word):
            break
        kept += 1
    return kept


def _cue_words() -> list[str]:
    from .lexicon import KINSHIP, ROLES

    return sorted(KINSHIP | ROLES)


@functools.lru_cache(maxsize=64)
def _cued_name(cues: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """A cue and a capitalised name: "Oma Jannie". `cues`: some of them only (see
    `_cues_in`)."""
    cues = list(cues) if cues is not None else _cue_words()
    return re.compile(
        rf"{_first_of(cues, True)}(?<![\w-])(?P<cue>(?i:{_alternatives(cues, ignore_case=True)}))"
        rf"[ \t]+(?P<name>(?:{_SURNAME_PARTICLE}[ \t]+){{0,3}}{_TWO_TOKENS})"
        rf"{_POSSESSIVE}(?![\w-])")


def _cues_in(words: str, ends_a_word: re.Pattern[str], cues: Sequence[str]) -> tuple[str, ...]:
    """Of `cues`, those that end one of `words` (`_words_of`), as `ends_a_word` finds them
    (in any case). A cue and the name after it are looked for in a long text with a
    pattern of those only: a cue is followed by a space, so no other cue can be one there,
    and most words of a text then start with a letter none of them does."""
    said = {m.group() for m in ends_a_word.finditer(words)}
    known = set(cues)
    found = set()
    for word in said:
        if word.lower() in known:
            found.add(word.lower())
        else:  # (a letter `re.IGNORECASE` takes for another: "ſ" for "s")
            found.update(c for c in cues if re.fullmatch(re.escape(c), word, re.IGNORECASE))
    return tuple(c for c in cues if c in found)


def _small_cue_words() -> list[str]:
    from .lexicon import KINSHIP

    return sorted(KINSHIP | {"juf", "meester", "meneer", "mevrouw"})


@functools.lru_cache(maxsize=8)
def _ends_a_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of `words` (in any case) at the end of one of a text's words (`_words_of`),
    after a character no word or "-" holds: where one of them is followed by a space in
    the text."""
    return re.compile(
        rf"{_first_of(words, True)}(?<![\w-])(?i:{_alternatives(words, ignore_case=True)})$",
        re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _cue_ends_a_word() -> re.Pattern[str]:
    """A cue of `_cued_name` at the end of one of a text's words (`_words_of`), where each
    of its cues ends (a space follows it): without one the text holds no cued name."""
    return _ends_a_word(tuple(_cue_words()))


@functools.lru_cache(maxsize=1)
def _small_cue_ends_a_word() -> re.Pattern[str]:
    """The same for `_cued_small_name`."""
    return _ends_a_word(tuple(_small_cue_words()))


@functools.lru_cache(maxsize=64)
def _cued_small_name(cues: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """A family word or "juf"/"meester" and a word written small: "oma jannie". `cues`:
    some of them only (see `_cues_in`)."""
    cues = list(cues) if cues is not None else _small_cue_words()
    return re.compile(
        rf"{_first_of(cues, True)}(?<![\w-])(?i:{_alternatives(cues, ignore_case=True)})"
        rf"[ \t]+(?P<name>[{_LOWER}]{{2,{_LONGEST_WORD}}}+)(?![\w-])")


_PREPOSITIONS = ("van", "met", "bij", "voor", "namens", "door", "aan", "over", "via")
_PREPOSITION_NAME = re.compile(
    r"(?=[vmbdnaoVMBDNAO])(?<![\w-])(?P<prep>(?i:van|met|bij|voor|namens|door|aan|over|via))"
    rf"[ \t]+(?P<name>{_TWO_TOKENS}){_POSSESSIVE}(?![\w-])")


@functools.lru_cache(maxsize=64)
def _preposition_name(preps: tuple[str, ...]) -> re.Pattern[str]:
    """`_PREPOSITION_NAME` with some of its prepositions only (see `_cues_in`)."""
    return re.compile(
        rf"(?=[vmbdnaoVMBDNAO]){_first_of(preps, True)}(?<![\w-])"
        rf"(?P<prep>(?i:{'|'.join(preps)}))[ \t]+(?P<name>{_TWO_TOKENS}){_POSSESSIVE}(?![\w-])")
# (A name of two words is taken whole: "Joke Brouwer (38)" left "Joke" in shareable text.)
_NAME_BEFORE_BRACKET = re.compile(
    rf"(?=[{_UPPER}])(?<![\w'’.-])(?P<name>(?:(?P<first>{_NAME_TOKEN})[ \t]+"
    rf"(?:{_SURNAME_PARTICLE}[ \t]+){{0,3}})?(?P<last>{_NAME_TOKEN}))[ \t]*\("
    r"(?=[ \t]*(?:\d{1,2}(?!\d)"
    r"|(?i:zoon|dochter|broer|zus|zusje|broertje|kind|oma|opa|moeder|vader|neef|nicht|"
    r"tante|oom|partner|pleegkind|kleinzoon|kleindochter|buurman|buurvrouw)\b))")
# A first name and its age: "Noor is 6", "Daan is 9 jaar". (A capitalised word and a
# number alone is often no name, "Groep is 8": a first name the lexicon knows, or "jaar".)
_NAME_IS_AGE = re.compile(
    rf"(?=[{_UPPER}])(?<![\w'’.-])(?P<name>[{_UPPER}][{_LOWER}]+)[ \t]+is[ \t]+"
    r"(?:\d{1,2}|(?i:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf))"
    r"(?P<years>[ \t]+(?i:jaar|jr\.?))?(?![\w-])")
_HYPHENED_FIRST = re.compile(
    rf"(?=[{_UPPER}])(?<![\w'’.-])(?P<name>[{_UPPER}][{_LOWER}]+-[{_UPPER}][{_LOWER}]+"
    rf"(?:[ \t]+(?:{_SURNAME_PARTICLE}[ \t]+){{0,3}}{_NAME_TOKEN})?){_POSSESSIVE}(?![\w-])")


_SENTENCE_END = re.compile(r"[.!?\n]")


def _family_in_sentence(text: str, at: int) -> bool:
    """Whether the sentence around `at` has a family word in it."""
    from .lexicon import KINSHIP

    start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 300), at)),
                default=max(0, at - 300))
    end = _SENTENCE_END.search(text, at)
    sentence = text[start:end.start() if end else at + 300].lower()
    return any(w in KINSHIP for w in re.findall(r"[^\W\d_]+", sentence))


def _cued_names(text: str, words: str | None = None) -> Iterable[Finding]:
    """`words`: the text's words (`_words_of`), to pass over the look for a name after a
    cue where none of them is a cue."""
    from .lexicon import lexicon

    lex = lexicon()
    new = _NEW
    # What a name after a cue keeps depends on its words only, and a text names the same
    # people again and again: each name is weighed once a scan, as a span within it.
    spans: dict[str, tuple[int, int] | None] = {}
    # (In a long text only the cues it holds are looked for, see `_cues_in`.)
    few = words is not None and len(text) > _LONG
    cues = (_cues_in(words, _cue_ends_a_word(), _cue_words()) if few else
            None if words is None or _cue_ends_a_word().search(words) else ())
    for m in _cued_name(cues).finditer(text) if cues != () else ():
        name = m.group("name")
        if (span := spans.get(name, False)) is False:
            span = spans[name] = _cued_span(name)
        if span:
            start, end = m.start("name") + span[0], m.start("name") + span[1]
            yield new(Finding, (NAME, start, end, text[start:end]))
    # Written small, only a first name the lexicon knows: "oma jannie", never "oma gaat".
    cues = (_cues_in(words, _small_cue_ends_a_word(), _small_cue_words()) if few else
            None if words is None or _small_cue_ends_a_word().search(words) else ())
    for m in _cued_small_name(cues).finditer(text) if cues != () else ():
        word = m.group("name")
        if word in lex.first_names and not _no_name(word) and word not in lex.surnames:
            yield new(Finding, (NAME, m.start("name"), m.end("name"), word))
    spans_after: dict[tuple[str, bool], tuple[int, int] | None] = {}
    if few:
        preps = _cues_in(words, _ends_a_word(tuple(_PREPOSITIONS)), _PREPOSITIONS)
        after = _preposition_name(preps) if preps else None
    else:
        after = _PREPOSITION_NAME
    for m in after.finditer(text) if after else ():
        key = (m.group("name"), m.group("prep").lower() == "van")
        if (span := spans_after.get(key, False)) is False:
            span = spans_after[key] = _preposition_span(*key, lex)
        if span:
            start, end = m.start("name") + span[0], m.start("name") + span[1]
            yield new(Finding, (NAME, start, end, text[start:end]))
    for m in _NAME_BEFORE_BRACKET.finditer(text) if "(" in text else ():
        if _no_name(m.group("last")):
            continue
        # The word before the name is part of it unless it is something else ("Zoon
        # Daan (9)", "Mevrouw Bakker (80)"): then from the word after it.
        start = m.start("name")
        if m.group("first") and _no_name(m.group("first")):
            start = _WORDS.search(text, m.end("first")).start()
        yield new(Finding, (NAME, start, m.end("name"), text[start:m.end("name")]))
    for m in _NAME_IS_AGE.finditer(text) if " is " in text else ():
        word = m.group("name")
        if _no_name(word):
            continue
        # ... or a sentence about family: "zoon Daan is 9, Noor is 6".
        if m.group("years") or word.lower() in lex.first_names or _family_in_sentence(
                text, m.start()):
            yield new(Finding, (NAME, m.start("name"), m.end("name"), word))
    spans_hyphened: dict[str, tuple[int, int] | None] = {}
    for m in _HYPHENED_FIRST.finditer(text) if "-" in text else ():
        name = m.group("name")
        if (span := spans_hyphened.get(name, False)) is False:
            span = spans_hyphened[name] = _hyphened_span(name, lex)
        if span:
            start, end = m.start("name") + span[0], m.start("name") + span[1]
            yield new(Finding, (NAME, start, end, text[start:end]))


def _span_of(found: Finding | None) -> tuple[int, int] | None:
    return (found.start, found.end) if found else None


def _cued_span(name: str) -> tuple[int, int] | None:
    """Where in `name`, after a cue ("Oma Jannie"), the name found lies; None if nowhere."""
    # "vader van Daan": "van" is a preposition when one word follows it.
    at = 0
    if name.startswith("van ") and len(_name_words(name)) == 1:
        at, name = 4, name[4:]
    return _span_of(_from_words(name, at, name, _kept_words(name)))


def _preposition_span(name: str, after_van: bool, lex) -> tuple[int, int] | None:
    """Where in `name`, after a preposition ("de casus van Jorieke Plasman"), the name
    found lies; None if nowhere."""
    words = _name_words(name)
    kept = _kept_words(name)
    # One word is a name only when it is a first name: "bij Woonwaard" is a landlord.
    if kept == 2 or (kept == 1 and len(words) == 1 and words[0].lower() in lex.first_names):
        # One word after "van" is a surname's particle and its name ("Jan van
        # Dijk"): a name only when it is a first name.
        if kept == 1 and after_van and words[0].lower() not in lex.first_names:
            return None
        return _span_of(_from_words(name, 0, name, kept))
    return None


def _hyphened_span(name: str, lex) -> tuple[int, int] | None:
    """Where in `name`, a name with a first name joined by a hyphen ("Anne-Fleur
    Mulder"), the name found lies; None if it is none."""
    halves = name.split()[0].split("-")
    if (not any(h.lower() in lex.first_names for h in halves) or _no_name(name.split()[0])
            or any(_NOT_PERSON_AFTER.fullmatch(h) for h in halves)):
        return None
    return _span_of(_from_words(name, 0, name, max(1, _kept_words(name))))


@functools.lru_cache(maxsize=1)
def _possessive_before_family() -> re.Pattern[str]:
    """A capitalised word and "s" right before a family word: "Rozendaals zoon"."""
    from .lexicon import KINSHIP

    return re.compile(
        rf"(?=[{_UPPER}])(?<![\w'’.-])(?P<name>[{_UPPER}][{_LOWER}'’]+)s[ \t]+"
        rf"(?i:{_alternatives(sorted(KINSHIP), ignore_case=True)})(?![\w-])")


def _possessive_surnames(text: str) -> Iterable[Finding]:
    """"Rozendaals zoon": a surname the lexicon knows, with the "s" of whose it is, before a
    family word, is a name though no "mevrouw Rozendaal" says so. (Where the text names
    the bare word elsewhere, `document_names` and the known names find it already.)"""
    from .lexicon import lexicon

    surnames = lexicon().surnames
    if not surnames:
        return
    for m in _possessive_before_family().finditer(text):
        bare = m.group("name").lower()
        if bare in surnames and bare not in _never_a_name():
            end = m.end("name") + 1
            yield _NEW(Finding, (NAME, m.start(), end, text[m.start():end]))


def person_cell_names(cell: str) -> list[str]:
    """The names a table's person column holds ("Daan (zoon, 9)", "Ilse en Tom"): every
    capitalised word the lexicon does not know as something else, and known first names
    in any case."""
    from .lexicon import lexicon

    lex = lexicon()
    names = []
    for m in re.finditer(r"[\w'’-]+", cell):
        word = m.group()
        lower = word.lower()
        if _no_name(word) or lower.endswith(_non_name_endings()):
            continue  # "Gemeente", "Leerplichtambtenaar"
        known = lower in lex.first_names or lower in lex.surnames
        if word[0].isupper() and not word.isupper() and (
                known or not lower.endswith(("s", "en", "ers"))):  # "Inwoners", "Ouders"
            names.append(word)
        elif word.islower() and lower in lex.first_names:
            names.append(word.capitalize())
    return names


@functools.lru_cache(maxsize=1)
def _non_name_endings() -> tuple[str, ...]:
    """Words a compound that is no name ends with: "-ambtenaar", "-consulent"."""
    return tuple(sorted(w for w in _never_a_name() if len(w) >= 5))


# --- places of residence ------------------------------------------------------------------

_RESIDENCE_WORDS = (
    "woont", "woonde", "wonen", "woonachtig", "verhuisd", "verhuist", "verhuizen", "verhuisde",
    "afkomstig", "opgegroeid", "komt", "kwam", "geboren", "getogen", "lives", "lived", "moved")


@functools.lru_cache(maxsize=64)
def _residence(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """`_RESIDENCE` with some of its verbs only (see `_cues_in`)."""
    return re.compile(r"(?=[wWvVkKaAoOgGlLmM])" + _first_of(verbs, True)
                      + _RESIDENCE.pattern.replace(_RESIDENCE_VERBS, _by_first_letter("|".join(verbs)), 1)
                      .removeprefix(r"(?=[wWvVkKaAoOgGlLmM])"))


_RESIDENCE_VERBS = _by_first_letter("|".join(_RESIDENCE_WORDS))
_RESIDENCE = re.compile(
    r"(?=[wWvVkKaAoOgGlLmM])(?<![\w-])(?i:" + _RESIDENCE_VERBS + ")"
    r"(?:[ \t]+[\w'’.,-]{1,30}){0,4}?[ \t]+(?i:"
    + _by_first_letter("in|te|naar|uit|bij|to|from") + r")[ \t]+"
    rf"(?P<place>(?:'[sS]-|[dD]en[ \t]+)?[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*"
    rf"(?:[ \t]+(?:aan[ \t]+(?:den|de|het)[ \t]+|op[ \t]+)?[{_UPPER}][{_LOWER}]+)?)(?![\w-])")


# A place right after an address or a postcode: "Molenstraat 14 in Schagen", "1741 BK
# Schagen".
_AFTER_ADDRESS = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?i:in|te)[ \t]+)?(?P<place>(?:'[sS]-|[dD]en[ \t]+)?[{_UPPER}]"
    rf"[{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*)(?![\w-])")


def _places_after_addresses(text: str, found: list[Finding]) -> list[Finding]:
    """The place an address or a postcode is in is where someone lives: replaced in text
    that leaves the group even when it is the region's own (the region's municipalities
    stay in policy talk, not after a client's street: a privacy officer's find)."""
    places = []
    for finding in found:
        if finding.kind in (ADDRESS, POSTCODE):
            m = _AFTER_ADDRESS.match(text, finding.end)
            if m and m.group("place").lower() not in _never_a_name():
                places.append(_NEW(Finding, (PLACE, m.start("place"), m.end("place"),
                                             m.group("place"))))
    return places


def _residences(text: str, words: str | None = None) -> Iterable[Finding]:
    """`words`: the text's words (`_words_of`); in a long text, only the verbs it holds
    are looked for (see `_cues_in`)."""
    from .lexicon import INSTITUTION_WORDS, lexicon

    lex = lexicon()
    pattern = _RESIDENCE
    if words is not None and len(text) > _LONG:
        verbs = _cues_in(words, _ends_a_word(tuple(_RESIDENCE_WORDS)), _RESIDENCE_WORDS)
        pattern = _residence(verbs) if verbs else None
    for m in pattern.finditer(text) if pattern else ():
        place = m.group("place")
        words = place.split()
        first = words[0].lower()
        if first in INSTITUTION_WORDS or first in _never_a_name() and first not in lex.places:
            continue
        # "woont in Alkmaar Noord" keeps the second word only when it is part of the place.
        if len(words) > 1 and " ".join(words).lower() not in lex.places and (
                words[-1].lower() in _never_a_name() or words[-1].lower() in lex.common_words):
            place = words[0]
        yield _NEW(Finding, (PLACE, m.start("place"), m.start("place") + len(place), place))


_CAPITALISED = re.compile(rf"(?=[{_UPPER}'])(?<![\w'’-])(?:'[sS]-)?[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*")


_PLACE_CUES = frozenset(
    "in uit naar te bij van rond richting omgeving regio gemeente buurt wijk dorp stad "
    "from to near".split())


def _places(text: str, region: frozenset[str]) -> Iterable[Finding]:
    """Places the lexicon knows that are not the region's own (lower case in `region`):
    where a place outside the region is named, it points to someone in a small team's
    text. One word, or two ("Den Helder"). A place of the built-in list (the larger ones)
    is one anywhere; one only deduce's long list knows ("Waarde", "Best" are villages too)
    only after a word that says a place follows ("in Waarde", "uit Best")."""
    from .lexicon import PLACES, lexicon

    lex = lexicon()
    sure = {p.lower() for p in PLACES}

    def said(m: re.Match[str], place: str) -> bool:
        return place in sure or _word_before_is(text, m.start(), _PLACE_CUES)
    words = list(_CAPITALISED.finditer(text))
    lows = list(map(str.lower, map(re.Match.group, words)))
    # Only a word that is a place, or the first of a place of two, may be one or begin one:
    # the others are passed over as the loop below would (a megabyte has tens of
    # thousands of capitalised words). The word after a place of two is passed over.
    looked = _place_words(lex)
    skipped, last = -1, len(words) - 1
    for i in [i for i, w in enumerate(lows) if w in looked]:
        if i == skipped:
            continue
        m = words[i]
        if i < last and text[m.end():(nxt := words[i + 1]).start()] == " ":
            pair = f"{m.group()} {nxt.group()}".lower()
            if pair in lex.places and said(m, pair):
                skipped = i + 1
                if pair not in region:
                    yield _NEW(Finding, (PLACE, m.start(), nxt.end(), text[m.start():nxt.end()]))
                continue
        w = lows[i]
        if (w in lex.places and w not in region and w not in lex.common_words
                and w not in _never_a_name() and w not in lex.first_names and said(m, w)):
            yield _NEW(Finding, (PLACE, m.start(), m.end(), m.group()))


_place_words_of: tuple[object, frozenset[str]] = (None, frozenset())


def _place_words(lex) -> frozenset[str]:
    """The lexicon's places of one word, and the first words of its places of two (in
    lower case): what `_places` looks at. Made once for a lexicon."""
    global _place_words_of
    held = _place_words_of
    if held[0] is not lex:
        held = _place_words_of = (lex, lex.places | {
            p.split(" ")[0] for p in lex.places if p.count(" ") == 1})
    return held[1]


# --- known names -------------------------------------------------------------------------

class KnownNames:
    """Finds the names the database knows: full names in any case, parts when capitalised."""

    def __init__(self, names: Iterable[str], cased: Iterable[str] = ()):
        """`names`: the names the group told (its people, its watch list), found whole in
        any case. `cased`: names a text gave someone by their context (`document_names`),
        found only as written, capitalised: "inwoners" is no name because a table's
        person column held "Inwoners"."""
        self.person_of: dict[str, str] = {}  # lower-case variant -> the full name
        self.holds_nul = False  # a name with "\x00" could run across `scan_lines`' lines
        full: list[list[str]] = []
        full_cased: list[list[str]] = []
        parts: list[tuple[str, str]] = []  # (particles before, part)
        self._lower_ok: set[str] = set()  # first names found written small too
        self._lower_surnames: set[str] = set()  # surnames found small where a name stands
        nicknames: list[tuple[str, str]] = []
        told = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
        given = [n for n in dict.fromkeys(n.strip() for n in cased if n and n.strip())
                 if n not in told]
        for name in [*told, *given]:
            tokens = name.split()
            is_told = len(full) < len(told)  # `told` first, then `given`
            (full if is_told else full_cased).append(tokens)
            self.holds_nul = self.holds_nul or "\x00" in name
            if is_told and len(tokens) >= 2 and tokens[0].lower() not in PARTICLES:
                self._lower_ok.add(tokens[0].lower())
                self._lower_surnames.add(tokens[-1].lower())
                nicknames += [(nick, name) for nick in _nicknames_of(tokens[0])]
            self.person_of.setdefault(" ".join(tokens).lower(), name)
            words = [w for t in tokens for w in re.split(r"(-)", t)]
            pre: list[str] = []
            for word in words:
                if word == "-" or word.lower() in PARTICLES:
                    if word != "-":
                        pre.append(word)
                    continue
                if len(word) >= 2:
                    parts.append((" ".join(pre), word))
                    self.person_of.setdefault(word.lower(), name)
                    if pre:
                        self.person_of.setdefault(" ".join(pre + [word]).lower(), name)
                pre = []
        # "Wim" for Willem: a short form that is no other known person's name.
        common = set()
        if nicknames:
            from .lexicon import COMMON_WORDS, lexicon

            common = COMMON_WORDS | lexicon().common_words | _never_a_name()
        for nick, name in nicknames:
            # (Never one that is a word too: "Wil thuis blijven" is no Willem.)
            if nick not in self.person_of and nick.capitalize() != name.split()[0] \
                    and nick not in common:
                self.person_of[nick] = name
                parts.append(("", nick.capitalize()))
                self._lower_ok.add(nick)
        if self._lower_ok or self._lower_surnames:
            from .lexicon import COMMON_WORDS, lexicon

            common = lexicon().common_words
            self._lower_ok = {w for w in self._lower_ok
                              if len(w) >= 3 and w not in common and w not in _never_a_name()}
            self._lower_surnames = {
                w for w in self._lower_surnames if len(w) >= 4 and w not in common
                and w not in COMMON_WORDS and w not in _never_a_name() and w not in PARTICLES}
        # A web address that holds a word of a told name ("femkezwanenburg.nl"): the
        # person's own page, as telling as their e-mail address.
        self._name_words_in_addresses = sorted(
            {w for w in self.person_of if " " not in w and len(w) >= 4
             and w not in PARTICLES and w not in _never_a_name()}) if told else []
        self._full = re.compile(
            rf"{_first_of(t[0] for t in full)}(?<!\w){_alternatives(full, ignore_case=True)}"
            rf"{_POSSESSIVE}(?!\w)", re.IGNORECASE
        ) if full else None
        self._full_cased = re.compile(
            rf"{_first_of(t[0] for t in full_cased)}(?<!\w){_alternatives(full_cased)}"
            rf"{_POSSESSIVE}(?!\w)") if full_cased else None
        # The last word of a whole name begins a word of the text (a space comes before
        # it), or is the whole name: looked for in the text's words (`_words_of`) first.
        self._full_last = re.compile(
            rf"(?<!\w){_alternatives(sorted({t[-1] for t in full}), ignore_case=True)}", re.IGNORECASE
        ) if full else None
        self._cased_last = re.compile(
            rf"(?<!\w){_alternatives(sorted({t[-1] for t in full_cased}))}") if full_cased else None
        # At most `_RUN` initials and particles before a part: each word of a long run of
        # them ("A. B. C. ...", "van de van de ...") would look to its end. Fewer initials
        # than there are can only be followed by a part like "J.P.": without one, the run is
        # taken whole or not at all.
        initials = rf"{_INITIALS_RUN}[ \t]?"
        if not any(p[1:2] == "." for _pre, p in parts):
            initials = f"(?>{initials})"
        self._part = re.compile(
            # (initials, or a particle or a part)
            rf"{_upper_or_first_of([*PARTICLES, *(p for _pre, p in parts)])}"
            rf"(?<!\w)(?P<initials>{initials})?(?P<pre>(?:{_PARTICLE}\s+){{0,{_RUN}}})"
            rf"(?P<part>(?i:{_alternatives((p for _pre, p in parts), ignore_case=True)}))"
            rf"{_POSSESSIVE}(?!\w)"
        ) if parts else None
        self._particles_of = {}
        self._own_at: dict[tuple[str, str], int | None] = {}
        for pre, part in parts:
            self._particles_of.setdefault(part.lower(), set()).add(pre.lower())

    def person(self, name_text: str) -> str | None:
        """The known full name that `name_text` (a finding's text) refers to, if any."""
        bare = " ".join(name_text.split()).lower()
        if "://" in bare or bare.startswith("www."):  # their own web address
            return next((self.person_of[w] for w in self._name_words_in_addresses
                         if w in bare), None)
        for candidate in (bare, re.sub(r"(['’]s|['’]|s)$", "", bare)):
            words = candidate.split()
            for i in range(len(words)):
                if " ".join(words[i:]) in self.person_of:
                    return self.person_of[" ".join(words[i:])]
        return None

    def _own_particles_at(self, part: str, pre: str) -> int | None:
        """Where in `pre` (the particles before `part`) this person's own particles start,
        when they end it: "van De Boer"; None if they do not."""
        key = (part, pre)
        if key not in self._own_at:
            if len(self._own_at) > 10_000:
                self._own_at.clear()
            own = self._particles_of.get(part.lower(), set()) - {""}  # "YILMAZ" lowers to "yilmaz"
            pre_words = list(_WORDS.finditer(pre)) if own else []
            self._own_at[key] = next(
                (w.start() for i, w in enumerate(pre_words)
                 if " ".join(x.group() for x in pre_words[i:]).lower() in own), None)
        return self._own_at[key]

    def find(self, text: str) -> list[Finding]:
        """The known names in `text`: whole names first, then their parts."""
        found, (_wholes, within) = self.find_outside_whole(text)
        found += [f for m in within if (f := self._part_found(text, m))]
        _forget_reversed(text)
        return found

    def find_outside_whole(self, text: str, words: str | None = None,
                           ) -> tuple[list[Finding], tuple[list, list]]:
        """`find`, but for the parts within a whole name's match ("Jansen" in "Jan
        Jansen"): those are given apart, to be made into findings (`_part_found`) only
        where the whole name is not kept. In a text of names they are most of the matches,
        and none of them is kept. Given as (wholes, within): `within` the parts' matches in
        order, `wholes` for each whole name that holds some of them (its finding, the index
        in `within` of the first), in order too. `words`: the text's words
        (`_words_of`), to pass over the look for whole names where none of them ends one."""
        new, name = _NEW, NAME
        found: list[Finding] = []
        for full, last in ((self._full, self._full_last), (self._full_cased, self._cased_last)):
            if full and (words is None or last.search(words)):
                found += [new(Finding, (name, *m.span(), m.group())) for m in full.finditer(text)]
        if self._name_words_in_addresses and ("://" in text or "www." in text.lower()):
            for m in _WEB_ADDRESS.finditer(text):
                address = m.group().lower()
                if any(w in address for w in self._name_words_in_addresses):
                    found.append(new(Finding, (name, *m.span(), m.group())))
        holding: list[tuple[Finding, int]] = []
        within: list[re.Match[str]] = []
        if not self._part:
            return found, (holding, within)
        # The whole names by start (a finding's kind is a name's, then comes its start and
        # end); of those starting at or before a part, the one that reaches furthest is the
        # one that may hold it.
        wholes = sorted(found)
        i, reach, reach_end, held = 0, None, -1, None
        part_found = self._part_found
        count = len(wholes)
        for m in self._part.finditer(text):
            start, end = m.span()
            while i < count and wholes[i][1] <= start:
                if wholes[i][2] > reach_end:
                    reach = wholes[i]
                    reach_end = reach[2]
                i += 1
            if reach_end >= end:
                if reach is not held:
                    holding.append((reach, len(within)))
                    held = reach
                within.append(m)
            elif f := part_found(text, m):
                found.append(f)
        return found, (holding, within)

    def _part_found(self, text: str, m: re.Match[str]) -> Finding | None:
        """The finding of a match of a part of a known name, or None where it is no name."""
        initials, pre, part = m.group("initials", "pre", "part")
        # Written small, only a known person's first name ("ilse heeft zich afgemeld"), or
        # their surname where a name stands ("bij zwanenburg"; "de bakker" is a baker).
        if not part[0].isupper() and not (part.islower() and not pre and not initials and (
                part in self._lower_ok or (part in self._lower_surnames and _word_before_is(
                    text, m.start("part"), _NAME_STANDS_AFTER)))):
            return None
        # This person's own particles may end a longer run: "van De Boer".
        start = None
        if pre and (at := self._own_particles_at(part, pre)) is not None:
            start = m.start("pre") + at
        if start is None:
            # After an article: "de Groen", "het Bos". After a preposition it is
            # still a name: "met steun van Sander", "op Bos' verzoek".
            start = m.start("part")
            if _word_before_is(text, start, ARTICLES):
                return None
        if initials and start == m.end("initials"):
            start = m.start("initials")
        end = m.end()
        return _NEW(Finding, (NAME, start, end, text[start:end]))


_WORDS = re.compile(r"\S+")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
# Words after which a word is a name: prepositions and forms of address ("bij zwanenburg",
# "mw zwanenburg").
_NAME_STANDS_AFTER = frozenset(
    "van met bij voor namens door aan over via mevrouw meneer mw mevr dhr heer".split())


def _nicknames_of(first: str) -> tuple[str, ...]:
    """The other forms of a first name that say the same person: its short forms ("Wim"
    for Willem), and the formal name of a short form when the lexicon knows one only
    ("Cornelis" for Kees; not for Wim: Willem, Wilhelmus or Wilhelm)."""
    from .lexicon import NICKNAMES

    first = first.lower()
    formal = _formal_names().get(first, {})
    return NICKNAMES.get(first, ()) + (next(iter(formal.values())) if len(formal) == 1 else ())


@functools.cache
def _formal_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """Short form -> the formal first names the lexicon gives it, by their letters without
    accents (one name however it is spelled: Daniël, Daniel)."""
    from .lexicon import NICKNAMES

    formal: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, shorts in NICKNAMES.items():
        plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                        if not unicodedata.combining(c))
        for short in shorts:
            spellings = formal.setdefault(short, {})
            spellings[plain] = (*spellings.get(plain, ()), name)
    return formal


def _word_before(text: str, start: int) -> str:
    """The word right before `start`, spaces between, within 20 characters: what
    `([\\w']+)\\s*$` finds in them (\\w is a letter, digit or "_"). Read forwards in the
    text reversed (`_reversed_text`), one match from `start` back to the 20th character before
    it: a look back character by character in Python costs several times that, and a
    text of names asks it of every name."""
    global _reversed_text
    pair = _reversed_text
    if pair[0] is not text:
        pair = _reversed_text = (text, text[::-1])
    at = len(text) - start
    return _SPACES_AND_WORD_BACKWARDS.match(pair[1], at, at + 20).group(1)[::-1]


# The text `_word_before` last looked in, and the same reversed: the detectors of one scan
# ask about the same text again and again. (One tuple, replaced whole: scans in two
# threads never read each other's.)
_reversed_text: tuple[str | None, str] = (None, "")
def _forget_reversed(text: str) -> None:
    """Lets go of `text` reversed, once it is scanned: a copy of what a user wrote is kept
    no longer than it is needed."""
    global _reversed_text
    if _reversed_text[0] is text:
        _reversed_text = (None, "")


# What `_word_before` reads backwards: the spaces (str.isspace is \s), then the word
# (str.isalnum and "_" are \w, and "'").
_SPACES_AND_WORD_BACKWARDS = re.compile(r"\s*+([\w']*+)")


@functools.cache
def _last_letters(words: frozenset[str]) -> frozenset[str]:
    """The characters `words` end with."""
    return frozenset(w[-1] for w in words if w)


def _word_before_is(text: str, start: int, words: frozenset[str]) -> bool:
    """Whether `_word_before(text, start)`, in lower case, is one of `words` (each in lower
    case). At a glance where one space and the last letter of the word before say it is
    none, or nothing before `start` can end a word: most places of a text."""
    if start >= 2:
        c = text[start - 1]
        if c == " ":
            last = text[start - 2]
            if last.lower()[-1] not in _last_letters(words) and not last.isspace():
                return False
        elif not (c.isalnum() or c in "_'" or c.isspace()):
            return False
    return _word_before(text, start).lower() in words


# --- scanning ----------------------------------------------------------------------------

_DETECTORS = (_emails, _ibans, _bsns, _phones, _spelled_phones, _postcodes, _addresses,
              _birth_dates, _titled_names, _family_names, _initialed_names,
              _first_names, _cued_names, _possessive_surnames)
# Those given the text's words (`_words_of`).
_GIVEN_WORDS = (_cued_names, _titled_names, _addresses)
# Those that look at the text before a place; `lines=True` keeps them to its line.
_BY_LINE = (_bsns, _phones, _postcodes, _birth_dates)


def scan(text: str, known_names: Iterable[str] | KnownNames = (),
         region: Iterable[str] | None = None) -> list[Finding]:
    """Every piece of personal data in `text`, in order; where findings overlap, the longest.

    `region`: for text that leaves the group, the places that may stay (the region's own
    municipalities, in policy talk): where someone lives ("woont in Alkmaar") is a
    finding, and so is every other place the lexicon knows. Without it places are not
    looked for (the group's own text may name them)."""
    known = known_names if isinstance(known_names, KnownNames) else KnownNames(known_names)
    return _scan(text, known, lines=False, region=_region(region))


def _region(region: Iterable[str] | None) -> frozenset[str] | None:
    return None if region is None else frozenset(" ".join(p.split()).lower() for p in region)


# What a text must hold for a detector to find anything in it: one without is not looked
# through (a megabyte of names holds no digit, one of digits no form of address).
_ANY_DIGIT = re.compile(r"\d")
_TITLE_PARTS = ("mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "fam", "mr", "ms",
                "miss", "juffrouw", "dr", "ir.", "prof", "gezin")  # each of `_TITLE` holds one


def _folded(text: str) -> str:
    """`text` in lower case as `re.IGNORECASE` takes ASCII letters: "ſ" is an s."""
    if any(c in text for c in "\u017f\u212a\u0130\u0131"):
        return text.translate(_ASCII_FOLD)
    return text.lower()


# A text this long is long enough to make a pattern for (`_cues_in`).
_LONG = 100_000


def _words_of(text: str) -> str | None:
    """The distinct words of `text`, as `str.split` parts it (where \\s is a space), one a
    line. Of a megabyte about the same people a few kilobytes: a pattern that needs a word
    of a kind (a form of address, a cue, a known surname) looks through them at once, and
    where none is there, it need not look through the text. (A pattern that begins a word
    and reads on to a space matches in them where it matches in the text: "\\n" stands
    for the space around each, and the "\\n" of a line's end was one of them.)"""
    words = "\n".join(set(text.split()))
    # (Where they are not much shorter than the text, as in a text without spaces, the
    # patterns look through the text itself.)
    return words if len(words) * 4 <= len(text) else None


# A form of address at the start of a word or after a character no word or "." holds
# (`_TITLED_NAME` and `_TITLED_LOWER_NAME` begin so): "de heer" is two words, the second
# "heer".
_TITLE_IN_WORDS = re.compile(
    r"(?<![\w.])(?i:" + _by_first_letter(_TITLE[3:-1].replace("de[ \\t]+heer", "heer")) + ")")


# The first initial of `_INITIALED_NAME`, in one of a text's words.
_INITIAL_IN_WORDS = re.compile(rf"(?<![\w.])[{_UPPER}]\.")


def _may_find(text: str, words: str | None = None) -> dict:
    digits = bool(_ANY_DIGIT.search(text))
    folded = _folded(text)
    return {_ibans: digits, _bsns: digits, _phones: digits, _postcodes: digits,
            _addresses: digits, _birth_dates: digits,
            _spelled_phones: "nul" in folded or "zero" in folded,
            _titled_names: any(t in folded for t in _TITLE_PARTS) and (
                words is None or bool(_TITLE_IN_WORDS.search(words))),
            _family_names: "family" in folded or "household" in folded,
            _initialed_names: "." in text and (
                words is None or bool(_INITIAL_IN_WORDS.search(words)))}


def _scan(text: str, known: KnownNames, lines: bool,
          region: frozenset[str] | None = None) -> list[Finding]:
    with _collector_held(text):
        try:
            return _scan_text(text, known, lines, region)
        finally:
            _forget_reversed(text)


@contextlib.contextmanager
def _collector_held(text: str) -> Iterator[None]:
    """A long text makes hundreds of thousands of findings and matches, none of them in a
    cycle; so many new objects set the cyclic garbage collector off again and again, to
    walk every object of the program for nothing (a quarter of the time of a megabyte of
    names). It is held off while a long text is scanned, and only when it was on."""
    collecting = len(text) > 100_000 and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _scan_text(text: str, known: KnownNames, lines: bool,
               region: frozenset[str] | None) -> list[Finding]:
    words = _words_of(text)
    may = _may_find(text, words)
    found = [f for detect in _DETECTORS if may.get(detect, True)
             for f in (detect(text, lines) if detect in _BY_LINE else
                       detect(text, words) if detect in _GIVEN_WORDS else detect(text))]
    if region is not None:  # text that leaves the group: where someone lives
        found += _residences(text, words)
        found += _places_after_addresses(text, found)
    known_found, inside = known.find_outside_whole(text, words)
    # (places after names: where one has the same span as a name, the name is weighed first)
    places = list(_places(text, region)) if region is not None else []
    names = [f for f in found if f.kind == NAME]
    # Whole names kept whole: nothing weighed below touches them (see
    # `_parts_not_kept_whole`), so they are kept as they are, without being weighed.
    kept: list[Finding] = []
    if inside[0]:
        parts, whole, kept = _parts_not_kept_whole(text, known, inside,
                                                   (found, known_found, places))
        # What lies within a whole name that is kept whole is left too: weigh none of it.
        known_found += parts
        names = [f for f in names if whole.find(0, f.start, f.end) >= 0]
        known_found = [f for f in known_found if whole.find(0, f.start, f.end) >= 0]
        places = [f for f in places if whole.find(0, f.start, f.end) >= 0]
    names += known_found
    names += places  # places the lexicon knows (text that leaves the group): a name over them wins
    shapes = [f for f in found if f.kind != NAME]
    if not names and _apart(shapes):  # then every one is kept (a text of phone numbers)
        if not kept:
            return shapes
        kept += shapes
        kept.sort(key=_START)
        return kept
    # Which characters a kept finding covers, and where kept findings start: one look per
    # finding, however many were kept before it (findings are never empty). (The names
    # kept whole lie apart from everything weighed here: they need not be marked.)
    covered = bytearray(len(text))
    starts = bytearray(len(text) + 1)
    on_covered, on_starts, append = covered.find, starts.find, kept.append
    # Shapes with their own checks go first; a name that runs into one ends before it
    # ("meneer Pinas op Laan van Meerdervoort 52" is a name, then an address).
    for finding in _longest_first(shapes):
        _kind, start, end, _text = finding
        if on_covered(1, start, end) < 0:
            append(finding)
            covered[start:end] = b"\x01" * (end - start)
            starts[start] = 1
    for finding in _longest_first(names):
        _kind, start, end, _text = finding
        later = on_starts(1, start + 1, end)
        if later >= 0:
            finding = _name_before(text, finding, later)
            if not finding:
                continue
            _kind, start, end, _text = finding
        if on_covered(1, start, end) < 0:
            append(finding)
            covered[start:end] = b"\x01" * (end - start)
            starts[start] = 1
    kept.sort(key=_START)
    return kept


def _apart(findings: list[Finding]) -> bool:
    """Sorts `findings` by where they start; whether none of them overlaps another."""
    findings.sort(key=_START)
    end = 0
    for _kind, start, stop, _text in findings:
        if start < end:
            return False
        end = stop
    return True


_SHIFT = 0x1_0000_0000_0000
_START = operator.itemgetter(1)
_END = operator.itemgetter(2)


def _longest_first(findings: list[Finding]) -> list[Finding]:
    """`findings` in the order they are weighed in: the longest first, then by where they
    start. Sorted by one number rather than the pair (start - end, start), numbers compare
    many times faster than tuples; the numbers made without a Python call per finding (a
    megabyte of names holds a hundred thousand of them)."""
    begins = list(map(_START, findings))
    keys = list(map(operator.add, map(operator.mul, map(operator.sub, begins, map(_END, findings)),
                                      itertools.repeat(_SHIFT)), begins))
    return list(map(findings.__getitem__, sorted(range(len(findings)), key=keys.__getitem__)))


def _parts_not_kept_whole(text: str, known: KnownNames, inside: tuple[list, list],
                          findings: tuple[list[Finding], ...],
                          ) -> tuple[list[Finding], bytearray, list[Finding]]:
    """The findings of the parts inside a whole known name that may be kept, where the
    names kept whole lie (1 on their characters), and those names. The parts kept are
    those of a whole name that may not be kept whole. A whole name is kept whole (and
    every finding within it left) when no other finding reaches over its start or its end
    and no finding of another kind lies on it: in `_scan` no finding weighed before it
    then touches it, and none weighed after it (none lies within it). ("Jansen" in "Jan
    Jansen" is no finding of its own; in "Jan Jansen 3" the name meets an address, and it
    may be.) `inside`: what `KnownNames.find_outside_whole` gives."""
    # (The parts inside need not be marked: one that reaches over a whole name's end lies
    # inside another whole name, which then reaches over it too.)
    over = bytearray(len(text) + 1)  # over[i]: a finding reaches over the place before i
    other = bytearray(len(text))  # a finding of another kind than a name
    for group in findings:
        for kind, start, end, _text in group:
            if end - start > 1:
                over[start + 1:end] = b"\x01" * (end - start - 1)
            if kind != NAME and group is findings[0]:
                other[start:end] = b"\x01" * (end - start)
    holding, within = inside
    parts: list[Finding] = []
    kept: list[Finding] = []
    whole = bytearray(len(text))  # 1 on every name kept whole
    part_found, on_other = known._part_found, other.find
    for (name, first), last in zip(holding, [*(i for _name, i in holding[1:]), len(within)]):
        _kind, start, end, _text = name
        if over[start] or over[end] or on_other(1, start, end) >= 0:
            parts += [f for m in within[first:last] if (f := part_found(text, m))]
        else:
            kept.append(name)
            whole[start:end] = b"\x01" * (end - start)
    return parts, whole, kept


_TITLE_ONLY = re.compile(rf"(?i:{_TITLE})")


def _name_before(text: str, name: Finding, end: int) -> Finding | None:
    """The part of a name finding before `end`, without trailing particles; None if no
    name word is left."""
    words = list(re.finditer(r"\S+", text[name.start:end]))
    while words and words[-1].group().lower() in PARTICLES:
        words.pop()
    title = _TITLE_ONLY.fullmatch(" ".join(w.group() for w in words))
    if not words or title or all(w.group().lower() in PARTICLES for w in words):
        return None
    stop = name.start + words[-1].end()
    return _NEW(Finding, (name.kind, name.start, stop, text[name.start:stop]))


def _replace(text: str, findings: list[Finding], replacement) -> str:
    out, pos = [], 0
    for f in findings:
        out += [text[pos:f.start], replacement(f)]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def mask(text: str, known_names: Iterable[str] = (), lang: str = "nl") -> str:
    """`text` with every finding replaced by its kind: "[telefoon]", "[naam]"."""
    labels = PLACEHOLDERS[lang]
    return _replace(text, scan(text, known_names), lambda f: f"[{labels[f.kind]}]")


class Pseudonymiser:
    """Replaces personal data in one document, the same person by the same placeholder.

    A person of the meeting becomes their role (`role_of`: full name -> "Voorzitter");
    anyone else named becomes "[naam-1]", "[naam-2]" in order of first mention, keeping a
    form of address ("mevrouw [naam-1]"). Use one instance for one whole document.
    """

    def __init__(self, known_names: Iterable[str] = (), role_of: Mapping[str, str] | None = None,
                 lang: str = "nl", roles_only: bool = False,
                 region: Iterable[str] | None = None, others: Iterable[str] = (),
                 people: Iterable[str] = (), evidence: Iterable[str] = ()):
        """`region`: the places that may stay (see `scan`); None keeps places but where
        someone lives. `others`: surnames that, said alone or after "mevrouw", are someone
        other than the meeting's person of that surname (a client "mevrouw Bakker" beside
        a participant Peter Bakker): they never get that person's role or placeholder.
        `people`: the group's own people besides `role_of`'s, kept apart the same way.
        `evidence`: names the document gave someone by context (`document_names`), found
        as written elsewhere in it."""
        self.role_of = dict(role_of or {})
        people = list(people)
        # (The group's people are known by their full names too: "Peter Rozendaal" is
        # Peter, whatever a watched "Margreet Rozendaal" makes of "Rozendaal".)
        self.known = KnownNames([*known_names, *self.role_of, *people], cased=evidence)
        self.labels = PLACEHOLDERS[lang]
        self.region = _region(region)
        # roles_only: the meeting's people become their role, everything else stays as
        # typed (a shareable text the user chose to keep personal data in).
        self.roles_only = roles_only
        self.others = {o.lower() for o in others}
        self.people = set(self.role_of) | set(people)
        self._numbered: dict[str, str] = {}
        self._whose: set[int] = set()
        self._by_surname: dict[str, set[str]] | None = None  # known outside the people

    def _outside_people(self, surname: str) -> str | None:
        """The one known person of `surname` who is none of the group's people, if one."""
        if self._by_surname is None:
            self._by_surname = {}
            for name in set(self.known.person_of.values()) - self.people:
                self._by_surname.setdefault(_surname_key(name), set()).add(name)
        found = self._by_surname.get(surname, set())
        return next(iter(found)) if len(found) == 1 else None

    def __call__(self, text: str) -> str:
        findings = _scan(text, self.known, False, self.region)
        # Where a finding is a surname the lexicon knows with the "s" of whose son or
        # daughter ("Rozendaals zoon"): the same person as the bare surname elsewhere.
        self._whose = {f.start for f in findings if f.kind == NAME and _a_surnames_possessive(
            text, f)}
        return _replace(text, findings, self._placeholder)

    pseudonymise = __call__

    def _placeholder(self, finding: Finding) -> str:
        if finding.kind != NAME:
            return finding.text if self.roles_only else f"[{self.labels[finding.kind]}]"
        title = _TITLE_AT_START.match(finding.text)
        name = finding.text[title.end():] if title else finding.text
        person = self.known.person(name)
        possessive = "'s" if re.search(r"['’]s?$", name) or (
            person and name.endswith("s") and not _ends_like(person, name)) else ""
        if not person and not possessive and finding.start in self._whose:
            possessive, name = "'s", name[:-1]  # "Rozendaals zoon": Rozendaal's
        other = None
        surname = _surname_key(name)
        if surname not in self.others and surname.endswith("s") and surname[:-1] in self.others:
            surname = surname[:-1]  # "Bakkers zoon"
        if person in self.people and not _names_first(person, name) and (
                title or surname in self.others):
            # "Mevrouw Bakker" is no participant called Bakker: the meeting's people are
            # named by their first name; a surname after a form of address is a client:
            # the one known person of that surname outside the people, if there is one.
            person = self._outside_people(surname)
            other = None if person else "other:" + surname
        if person in self.role_of:
            return self.role_of[person] + possessive
        if self.roles_only:
            return finding.text
        key = other or person or _surname_key(name)
        if key not in self._numbered:
            self._numbered[key] = f"[{self.labels[NAME]}-{len(self._numbered) + 1}]"
        prefix = title.group(1) + " " if title else ""
        return prefix + self._numbered[key] + possessive


_TITLE_AT_START = re.compile(rf"((?i:{_TITLE}))(?:[ \t]+|(?<=\.))(?=\S)")


def without_title(name: str) -> str:
    """A name finding without its form of address: "mevrouw Jansen" -> "Jansen"."""
    title = _TITLE_AT_START.match(name)
    return name[title.end():] if title else name


def _names_first(person: str, name: str) -> bool:
    """Whether `name` holds the known `person`'s first name (or a short form of it)."""
    first = person.split()[0].lower()
    words = {w.lower() for w in re.findall(r"[\w'’-]+", re.sub(r"['’]s?$", "", name))}
    return first in words or bool(words & set(_nicknames_of(first)))


def surnames_apart(text: str, known_names: Iterable[str], people: Iterable[str]) -> set[str]:
    """Surnames of `people` (the meeting's) that `text` also gives someone after a form of
    address without that person's first name ("Mevrouw Bakker" beside Peter Bakker): for
    `Pseudonymiser(others=...)`, so that every mention of them stays apart."""
    people = list(people)
    known = KnownNames([*known_names, *people])
    apart = set()
    for f in scan(text, known):
        title = _TITLE_AT_START.match(f.text) if f.kind == NAME else None
        if not title:
            continue
        name = f.text[title.end():]
        person = known.person(name)
        if person in people and not _names_first(person, name):
            apart.add(_surname_key(name))
    return apart


def document_names(text: str, known_names: Iterable[str] = ()) -> list[str]:
    """The names `text` gives someone by what stands around them ("mevrouw Bakker",
    "Oma Jannie", "de casus van Jorieke Plasman"), without form of address or possessive:
    told to a second reading as known names, they are found where they stand alone too
    ("Bakkers zoon", "Jannie belde")."""
    names = []
    known = KnownNames(known_names)
    for f in scan(text, known):
        if f.kind != NAME or known.person(without_title(f.text)):
            continue
        name = re.sub(r"['’]s?$", "", without_title(f.text)).strip()
        if _a_surnames_possessive(text, f):
            name = name[:-1]  # "Rozendaals zoon": Rozendaal
        words = [w for w in name.split() if not w.endswith(".")]  # no initials
        if words and not all(w.lower() in PARTICLES for w in words):
            names.append(" ".join(words))
    return list(dict.fromkeys(names))


def _a_surnames_possessive(text: str, finding: Finding) -> bool:
    """Whether `finding` is what `_possessive_surnames` finds: a surname the lexicon knows
    and "s", before a family word ("Rozendaals zoon")."""
    from .lexicon import lexicon

    m = _possessive_before_family().match(text, finding.start)
    if not m or m.end("name") + 1 != finding.end:
        return False
    bare = m.group("name").lower()
    return bare in lexicon().surnames and bare not in _never_a_name()


def _ends_like(person: str, name: str) -> bool:
    """Whether `name` ends as the known `person` does ("Sanders" is no possessive), or is
    another form of their first name ("Hans" for Johannes, "Cornelis" for Kees)."""
    last = name.split()[-1].lower()
    return any(word.lower() == last for word in person.split()) or (
        last in _nicknames_of(person.split()[0]))


def _surname_key(name: str) -> str:
    """'A. van der Berg' and 'van der Berg's' -> 'van der berg': one unknown person."""
    words = [w for w in re.sub(r"['’]s?$", "", name).lower().split() if not w.endswith(".")]
    surname = words[-1:]
    for word in reversed(words[:-1]):
        if word not in PARTICLES:
            break
        surname.insert(0, word)
    return " ".join(surname)


# --- findings in a document --------------------------------------------------------------


class LineFinding(NamedTuple):
    line: int  # 1-based
    finding: Finding


# Between the lines `scan_lines` scans as one text: nothing any pattern reads on from a line's
# end (no word, space, ":" or "."); a newline, across which no finding, look or word before
# a number goes (`lines=True`); and nothing a pattern reads back from a line's start.
_LINE_BREAK = "\x00\n"


def scan_lines(text: str, known_names: Iterable[str] | KnownNames = (),
               region: Iterable[str] | None = None) -> list[LineFinding]:
    """Every finding in a document with the line it is on: what a check reports. The same
    as `scan` of each line, line by line; scanned as one text, so that many short lines
    cost what their characters cost."""
    known = known_names if isinstance(known_names, KnownNames) else KnownNames(known_names)
    places = _region(region)
    if "\x00" in text or known.holds_nul:
        return [LineFinding(number, finding)
                for number, line in enumerate(text.splitlines(), 1)
                for finding in _scan(line, known, False, places)]
    with _collector_held(text):
        return _scan_lines(text, known, places)


def _scan_lines(text: str, known: KnownNames, places: frozenset[str] | None) -> list[LineFinding]:
    every = text.splitlines()
    numbers = [number for number, line in enumerate(every, 1) if line]  # an empty one holds none
    lines = [every[number - 1] for number in numbers]
    offsets = [0, *itertools.accumulate(len(line) + len(_LINE_BREAK) for line in lines)]
    new = tuple.__new__
    findings = _scan(_LINE_BREAK.join(lines), known, lines=True, region=places)
    if len(lines) == 1:  # (a finding's place in the text is its place in the line)
        return [new(LineFinding, (numbers[0], f)) for f in findings]
    found, i, last = [], 0, len(offsets) - 1
    for kind, start, end, words in findings:  # (in order: each line is looked up once)
        while i < last and offsets[i + 1] <= start:
            i += 1
        found.append(new(LineFinding, (numbers[i], new(Finding, (
            kind, start - offsets[i], end - offsets[i], words)))))
    return found


def hide(text: str) -> str:
    """A finding as a report may show it: each word's first character, the rest starred."""
    return re.sub(r"(?<=\w)\w", "*", text)
