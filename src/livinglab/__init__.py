"""livinglab: structured case reviews for social neighbourhood teams, kept in one SQLite file."""

# The one place the version is written: the build reads it from here (pyproject.toml),
# and `livinglab --version` shows the installed package's.
__version__ = "0.1.0"
