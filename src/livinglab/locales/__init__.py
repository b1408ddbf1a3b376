"""Interface translations, one TOML file per language: English message -> translation."""
