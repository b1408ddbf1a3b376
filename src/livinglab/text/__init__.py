"""Text that crosses a boundary: user text made safe for Markdown (`markdown`), and text
from files or other machines stripped of what a terminal would obey (`terminal`)."""
