"""May these shareable minutes leave? One check for the command line and the app.

Shareable minutes leave the group. They are rendered once as they would leave when the
user keeps what was typed (the meeting's people as their roles, other personal data as
it is), and that text is scanned with every name the group knows. The caller decides:
with no findings the text goes as it is; with findings the user pseudonymises (a render
of the same record with placeholders), keeps them on purpose, or stops.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..privacy import queries as privacy_queries
from ..text.personal import KnownNames, LineFinding, scan_lines
from .record import MeetingRecord, load_meeting
from ..meeting.region import region_known, region_of
from .render import Evidence, evidence, render_record


@dataclass(frozen=True)
class ShareableMinutes:
    """Shareable minutes with the personal data left in them, line by line."""

    text: str  # people of the meeting as their roles, other personal data as typed
    findings: list[LineFinding]
    record: MeetingRecord
    lang: str
    known_names: tuple[str, ...]
    region: tuple[str, ...] = ()
    seen: Evidence | None = None
    # Whether the group's region was told (`region_known`): without, every place went.
    region_told: bool = True

    def pseudonymised(self) -> str:
        """The same minutes with every finding replaced by a placeholder."""
        return render_record(self.record, self.lang, True, self.known_names,
                             pseudonymise=True, region=self.region, seen=self.seen)


def shareable_minutes(store, session_id: str, methods=None,
                      lang: str | None = None) -> ShareableMinutes:
    """A meeting's shareable minutes, rendered once, and the personal data found in them:
    names (those the group knows, and those the minutes give someone anywhere), places
    outside the group's region and where someone lives, and every other kind."""
    record = load_meeting(store, session_id, methods)
    known = tuple(privacy_queries.known_names(store, record.session.group_id))
    region = tuple(region_of(store, record.session.group_id))
    lang = lang or i18n.language()
    seen = evidence(record, lang, known, region)
    text = render_record(record, lang, True, known, pseudonymise=False, region=region,
                         seen=seen)
    findings = scan_lines(text, KnownNames(known, seen.names), region)
    told = region_known(store, record.session.group_id)
    check = ShareableMinutes(text, findings, record, lang, known, region, seen, told)
    if not findings:  # nothing was kept on purpose: the footer must not say it was
        check = ShareableMinutes(check.pseudonymised(), [], record, lang, known, region, seen,
                                 told)
    return check
