"""Key labels in the interface language, translated when they are shown.

Bindings are declared with English descriptions marked by `N_`; the key bar, the command
palette and F1 read them through `active_bindings`, translated here at the moment they are
shown, so switching the language in the running app reaches every key label. Every screen
and every dialog of the app mixes this in.
"""

from __future__ import annotations

import dataclasses

from livinglab.i18n import _


class Translated:
    @property
    def active_bindings(self):
        found = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=dataclasses.replace(
                    active.binding, description=_(active.binding.description),
                    tooltip=_(active.binding.tooltip) if active.binding.tooltip else ""))
                for key, active in found.items()}
