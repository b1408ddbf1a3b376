"""The room (issue 26): each participant on their own phone or laptop, on the meeting's
page on the local network. `rooms` keeps it in the SQLite file (no web server);
`server` is the Starlette app; `serve` binds and runs it with uvicorn; `qr` draws the
join address for the shared screen. Starlette, uvicorn, Jinja2 and segno are imported
only when a room opens: nothing here is imported at start-up."""
