"""Storage: the one SQLite file. `store` opens it (refusing foreign files), migrates it,
runs transactions and the typed generic row API; `schema` holds the migrations and where
each model is stored; `keys` the ids; `search` the full-text index kept beside the rows."""
