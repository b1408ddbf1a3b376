"""A meeting: planned (`planning`, `series`), run step by step (`workshop`: every value
captured along one path to the listeners it was given), followed from another window
(`follow`), its dialogs' drafts (`drafts`) and the lists a screen shows (`views`)."""
