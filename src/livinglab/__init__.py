"""livinglab: structured case reviews for social neighbourhood teams, kept in one SQLite file."""

__version__ = "0.1.0"
