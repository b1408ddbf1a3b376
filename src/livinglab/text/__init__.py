"""Text that crosses a boundary: user text made safe for Markdown (`markdown`), text from
files or other machines stripped of what a terminal would obey (`terminal`), and personal
data found in text, masked or pseudonymised before it is shared (`personal`)."""
