"""The meeting as it is held: the `Workshop` that walks the agenda and each review's
steps, stores every value where it was typed and hands it to its listeners (the group's
memory); its step timer (`timer`); the items around the reviews (`around`). It sits above
`meeting/` (what a meeting is) and `memory/` (what it leaves the group), which it feeds."""
