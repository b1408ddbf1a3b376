"""The case library: case files (Markdown with a front matter) read into `Case`, checked,
imported, and found again."""
