"""The example cases, installed as package data `livinglab.examples` (see pyproject.toml)."""
