"""The parking place: ideas and solutions that come too early. Parked in any step, they
are written together once, at the end of the review.

Its value is a list of short lines, checked, written and searched as a `list` field's;
what is its own is that its values are gathered from every step into one section."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..i18n import N_
from ..models import FieldType
from . import list as list_


def gather(values: Sequence[list[str] | None]) -> list[str]:
    """Every parked item once, in the order it was first parked."""
    return list(dict.fromkeys(item for value in values for item in value or []))


SPEC = dataclasses.replace(list_.SPEC, kind=FieldType.PARKING,
                           gathered_under=N_("Parking place"), gather=gather)
