"""Ids fixed in code, apart from the models: opening a file and listing what it holds
(`storage.keys`, a command that lists) use them without importing pydantic."""

# Practice runs (students rehearsing a case) are sessions of this one group, which no list
# of a group's meetings, groups or actions shows, and no search finds.
PRACTICE_GROUP_ID = "5c0a7e3e-0d7b-5f4e-8a6b-2e51c9a0f7d1"
