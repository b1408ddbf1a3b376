"""The Markdown the screens show: a case, and the participant view of the step on screen."""

from __future__ import annotations

from .. import i18n
from ..fields import RenderContext, render_value
from ..models import AgendaKind, Case
from ..text.markdown import block, bullets, excerpt, inline, plain_text, table
from . import queries as meeting_queries

# What the minutes quote of a case: its first section up to this many characters, cut at
# a sentence. A whole case (50 pages, 177 KB) made minutes nobody reads to the end.
SUMMARY_LENGTH = 1200


def case_summary(case: Case, length: int = SUMMARY_LENGTH) -> str:
    """The case's first section as plain text, cut at a sentence within `length`."""
    if not case.sections:
        return ""
    first = case.sections[0].body
    # Only the part that can be quoted is parsed (with room for the Markdown around its
    # words), so a case of any length costs the same.
    return excerpt(plain_text(first[:length * 4]), length)


def case_markdown(case: Case, with_notes: bool = False, lang: str | None = None) -> str:
    """A case as a Markdown document, for previews and `cases show`."""
    lang = lang or i18n.language()
    lines = [f"# {inline(case.title)}", "",
             f"*{inline(i18n.term(case.kind, lang))}*"
             + (" · " + inline(", ".join(case.themes)) if case.themes else "")]
    for section in case.sections:
        if section.title:
            lines += ["", f"## {inline(section.title)}"]
        lines += ["", section.body]
    if with_notes and case.facilitator_notes:
        lines += ["", f"## {i18n._('For the facilitator', lang)}", "", case.facilitator_notes]
    if case.source:
        lines += ["", f"*{i18n._('Source', lang)}: {inline(case.source)}*"]
    return "\n".join(lines) + "\n"


def step_markdown(workshop, lang: str | None = None) -> str:
    """The participant view of the step on screen: aim, questions, what was captured."""
    lang = lang or i18n.language()
    step = workshop.step
    if step is None:
        parts = [f"# {inline(workshop.item.title)}", block(workshop.item.notes)]
        if workshop.item.kind == AgendaKind.ACTION_FOLLOW_UP:
            parts += follow_up_markdown(workshop, lang)
        return "\n\n".join(p for p in parts if p) + "\n"
    ctx = RenderContext.for_meeting(meeting_queries.participants(workshop.store, workshop.session.id), lang)
    ctx = ctx.with_rows(workshop.actions(), workshop.decisions())
    values = workshop.values()
    parts = [f"# {inline(i18n.pick(step.title, lang))}", f"*{inline(i18n.pick(step.aim, lang))}*",
             bullets([i18n.pick(q, lang) for q in step.questions])]
    for f in step.fields:
        rendered = render_value(values.get(f.key), f, ctx)
        if rendered:
            parts += [f"**{inline(i18n.pick(f.label, lang))}**", rendered]
    return "\n\n".join(parts) + "\n"


def follow_up_markdown(workshop, lang: str) -> list[str]:
    """What the group looks back on at the action list, for all to see: the open actions
    and the open slow questions (a walker's shared screen showed the item's title alone)."""
    _ = lambda text: i18n._(text, lang)  # noqa: E731
    parts = []
    if actions := workshop.actions_to_follow_up():
        rows = [[inline(a.what), inline(a.owner or ""), i18n.format_date(a.due) if a.due else "",
                 i18n.term(a.status, lang)] for a in actions]
        parts += [f"## {_('Open actions')}",
                  table([_("Action"), _("Who"), _("When"), _("Status")], rows)]
    if questions := workshop.open_questions():
        parts += [f"## {_('Open slow questions')}",
                  bullets([f"{q.question} ({i18n.term(q.status, lang)})" for q in questions])]
    return parts


def step_help(workshop, lang: str | None = None) -> str:
    """F1 at a step: where the meeting is, the step's aim, its questions and its tips,
    so help answers 'what do we do now?' before it lists the keys."""
    lang = lang or i18n.language()
    step = workshop.step
    where = i18n._("Item {number}: {title}", lang).format(
        number=workshop.item_index + 1, title=workshop.item.title)
    if step is None:
        return f"## {inline(where)}\n"
    title = i18n._("Step {number} of {count}: {title}", lang).format(
        number=workshop.step_index + 1, count=len(workshop.method.steps),
        title=i18n.pick(step.title, lang))
    parts = [f"## {inline(title)}", inline(where), f"*{inline(i18n.pick(step.aim, lang))}*",
             bullets([i18n.pick(q, lang) for q in step.questions])]
    parts += [f"{i18n._('Tip', lang)}: {inline(i18n.pick(tip, lang))}" for tip in step.tips]
    return "\n\n".join(p for p in parts if p) + "\n"
