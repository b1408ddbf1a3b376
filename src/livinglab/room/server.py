"""The room's web app: one page for participants, served by Starlette over the SQLite file.

Server-rendered HTML (Jinja2, autoescaped) that works without JavaScript; a small script
of our own (static/room.js) only makes following the chair smoother. Nothing is loaded
from outside the laptop (the Content-Security-Policy says so to the browser as well).

Security, because this is client work on a network (README, "The room"):

- every address is under `/r/<token>/`; a token that is not the open room's of a running
  meeting gets the same "closed or wrong" page, whatever the reason;
- a device gets a session cookie (HttpOnly, SameSite=Strict, only for the room's path);
  its hash is stored, never the cookie;
- every form carries the device's CSRF token, compared in constant time;
- request bodies are capped (`MAX_BODY`); submissions are rate-limited per device;
- no user text is ever logged (uvicorn's access log is off: `serve.py`); no page lists
  meetings or groups; nothing a participant did not write or was not shown (the case's
  notes, the tips for the chair, others' unrevealed entries) is ever in a response.

The handlers are `async` and call the store directly: every request is a few short
queries on the one connection, one after the other on the event loop, so the connection
is never used from two threads.
"""

from __future__ import annotations

import hmac
import sys
import time
from collections import defaultdict, deque
from pathlib import Path
from urllib.parse import parse_qsl

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import i18n
from ..i18n import N_
from ..memory import evaluation
from ..methods import MethodLibrary
from ..storage.store import Store, StoreError
from . import rooms

HERE = Path(__file__).parent
COOKIE = "livinglab_room"
MAX_BODY = 32 * 1024  # bytes: five answers of a long paragraph each, with room to spare
RATE_WINDOW = 10.0  # seconds
RATE_POSTS = 12  # form submissions per device in that window
POLL_MS = 1000  # how often the page's script asks where the chair is

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; "
                               "img-src 'self'; connect-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",  # the token is in the address
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

# The page's words: translated where shown (i18n), declared here for the catalogue.
WORDS = {
    "title": N_("The room"),
    "closed": N_("This room is closed, or the address is not right. Ask the chair for "
                 "the current address."),
    "choose": N_("Who are you? Choose your name."),
    "choose_button": N_("This is me"),
    "taken": N_("That name is taken on another device. Ask the chair to free it if it "
                "is yours."),
    "full": N_("This room has as many devices as it takes."),
    "you_are": N_("You are {name}."),
    "item": N_("Agenda item"),
    "step": N_("Step {number}: {title}"),
    "questions": N_("Guiding questions"),
    "case": N_("The case"),
    "own_round": N_("Write your own answer first, before anyone speaks. Only you see it "
                    "until the chair reveals the round."),
    "send": N_("Keep my answer"),
    "saved": N_("Kept. You can change it until the chair reveals the round."),
    "revealed": N_("Revealed: your answer is in the meeting's minutes now. The secretary "
                   "can still correct it."),
    "waiting": N_("Nothing to write in this step: listen along. This page follows the "
                  "chair."),
    "evaluate": N_("Evaluate the meeting (anonymous)"),
    "evaluate_intro": N_("Your answers are kept without your name. The group sees only "
                         "the overall figure, once at least three people answered."),
    "scale": N_("1 = not at all, 5 = fully"),
    "rating": N_("Your rating of this meeting (1 to 5)"),
    "evaluate_button": N_("Send my evaluation"),
    "evaluated": N_("Thank you: your evaluation is kept, without your name."),
    "group_figure": N_("The group's rating so far: {figure} ({count} answers)."),
    "moved": N_("The chair moved on. Keep your answer, then the page follows."),
    "follow": N_("Show where the chair is now"),
    "too_many": N_("Too many submissions at once: wait a few seconds and try again."),
    "bad_form": N_("This form is out of date: the page is reloaded; try again."),
    "busy": N_("The meeting's file is busy: try again in a moment."),
    "failed": N_("Something went wrong here: go back and try again."),
}


def words(lang: str) -> dict[str, str]:
    return {key: i18n._(text, lang) for key, text in WORDS.items()}


class BodyCap:
    """ASGI middleware: a request body over `limit` bytes is refused with 413, whether or
    not it says its length; and every response gets the security headers."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await self._too_big(send)
        seen = 0
        refused = False

        async def capped_receive():
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise TooBig
            return message

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, capped_receive, with_headers)
        except TooBig:
            if refused:
                await self._too_big(send)

    @staticmethod
    async def _too_big(send):
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                *[(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]]})
        await send({"type": "http.response.body", "body": b"413"})


class TooBig(Exception):
    pass


class RateLimit:
    """At most `posts` submissions per device in `window` seconds."""

    def __init__(self, posts: int = RATE_POSTS, window: float = RATE_WINDOW,
                 clock=time.monotonic):
        self.posts, self.window, self.clock = posts, window, clock
        self.seen: dict[str, deque] = defaultdict(deque)

    def allow(self, device_id: str) -> bool:
        now = self.clock()
        seen = self.seen[device_id]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) >= self.posts:
            return False
        seen.append(now)
        return True


def markdown_html(text: str) -> str:
    """A case's Markdown as HTML; raw HTML in it is shown as text, never run."""
    return MarkdownIt("commonmark", {"html": False}).render(text)


def make_app(store: Store, lang: str, methods: MethodLibrary | None = None,
             rate: RateLimit | None = None) -> Starlette:
    """The room's ASGI app over an open store (the server's own connection)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    rate = rate or RateLimit()
    store.conn.execute("PRAGMA busy_timeout = 5000")  # a page waits seconds, not a minute

    # Where the meeting is, read again only when the file changed: another connection's
    # commit changes PRAGMA data_version, this connection's own writes its total_changes.
    # Forty phones asking every second then cost a look at two counters, not a method's
    # parse.
    known: dict = {}

    def where_now(session_id: str):
        key = (session_id, store.data_version(), store.conn.total_changes)
        if known.get("key") != key:
            known.clear()
            known.update(key=key, here=rooms.where(store, session_id, methods))
        return known["here"]

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(template).render(lang=lang, t=words(lang), poll_ms=POLL_MS,
                                             **context)
        return HTMLResponse(html, status_code=status)

    def closed() -> HTMLResponse:
        return page("closed.html", status=404)

    def base(token: str) -> str:
        return f"/r/{token}/"

    async def form_of(request: Request) -> dict[str, str]:
        body = await request.body()
        try:
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                  max_num_fields=60))
        except (UnicodeDecodeError, ValueError):
            return {}

    def guarded(handler):
        """A failure is answered with a page that says to try again, and logged by its
        kind only: an exception's message (or a traceback) may quote what was sent."""
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except StoreError:
                return page("message.html", status=503, message=words(lang)["busy"])
            except Exception as e:  # noqa: BLE001 - see above
                print(f"livinglab room: {handler.__name__} failed: {type(e).__name__}",
                      file=sys.stderr)
                return page("message.html", status=500, message=words(lang)["failed"])
        return endpoint

    def opened(request: Request):
        token = request.path_params["token"]
        room = rooms.room_by_token(store, token)
        if room is None:
            return None, None, token
        return room, rooms.device(store, room, request.cookies.get(COOKIE)), token

    def set_cookie(response: Response, token: str, cookie: str) -> None:
        response.set_cookie(COOKIE, cookie, httponly=True, samesite="strict",
                            path=base(token), secure=False)

    @guarded
    async def show(request: Request) -> Response:
        room, dev, token = opened(request)
        if room is None:
            return closed()
        cookie = None
        if dev is None:
            made = rooms.new_device(store, room)
            if made is None:
                return page("message.html", status=503, message=words(lang)["full"])
            dev, cookie = made
        response = render_room(request, room, dev, token)
        if cookie:
            set_cookie(response, token, cookie)
        return response

    def render_room(request: Request, room, dev, token: str, status: int = 200,
                    message: str = "") -> Response:
        people = rooms.people_present(store, room.session_id)
        if dev.participant_id is None or dev.participant_id not in dict(people):
            taken = rooms.claimed(store, room)
            return page("join.html", status=status, base=base(token), csrf=dev.csrf,
                        people=[(pid, name, pid in taken) for pid, name in people],
                        message=message)
        here = where_now(room.session_id)
        if here is None:
            return closed()
        mine = rooms.written(store, here.item.id, dev.participant_id)
        case_html = ""
        if room.case_shown and here.item.case_id:
            from ..library import queries as case_queries
            from ..meeting.views import case_markdown

            case = case_queries.case(store, here.item.case_id)
            if case is not None:
                case_html = markdown_html(case_markdown(case, with_notes=False, lang=lang))
        count, figure = rooms.rating_figure(store, here.item.id)
        step = here.step
        return page(
            "room.html", status=status, base=base(token), csrf=dev.csrf,
            name=dict(people)[dev.participant_id], here=here, place=place_of(room, here),
            seen=state_of(room, here, dev),
            item_title=here.item.title,
            step_title=i18n.pick(step.title, lang) if step else "",
            step_number=here.step_number,
            aim=i18n.pick(step.aim, lang) if step else "",
            questions=[i18n.pick(q, lang) for q in step.questions] if step else [],
            fields=[(f.key, i18n.pick(f.label, lang),
                     [(c.key, i18n.pick(c.label, lang)) for c in f.columns],
                     mine.get(f.key)) for f in here.own_fields],
            case_html=case_html, evaluated=dev.evaluated,
            items=[(key, i18n.pick(wording, lang)) for key, (_d, wording)
                   in evaluation.ITEMS.items()],
            open_question=i18n.pick(evaluation.OPEN_QUESTION, lang),
            figure=(f"{figure:.1f}" if figure is not None else None), figure_count=count,
            saved=request.query_params.get("saved") == "1", message=message)

    def place_of(room, here) -> str:
        return f"{here.place}:{int(room.case_shown)}"

    def state_of(room, here, dev) -> str:
        """What the page's script compares: where the chair is, and what of this device's
        changed (a name freed, an answer revealed, an evaluation counted)."""
        revealed = sum(w.revealed for w in rooms.written(
            store, here.item.id, dev.participant_id).values()) if dev.participant_id else 0
        count, _figure = rooms.rating_figure(store, here.item.id)
        shown = count if count >= rooms.SHOWN_FROM else 0
        return f"{place_of(room, here)}:{dev.participant_id or ''}:{revealed}:{shown}"

    async def posted(request: Request):
        """(room, device, token, form) of a submission that may go on, else a response."""
        room, dev, token = opened(request)
        if room is None:
            return closed()
        if dev is None:
            return page("message.html", status=403, message=words(lang)["bad_form"],
                        base=base(token))
        form = await form_of(request)
        if not hmac.compare_digest(form.get("csrf", ""), dev.csrf):
            return page("message.html", status=403, message=words(lang)["bad_form"],
                        base=base(token))
        if not rate.allow(dev.id):
            return page("message.html", status=429, message=words(lang)["too_many"],
                        base=base(token))
        return room, dev, token, form

    @guarded
    async def join(request: Request) -> Response:
        checked = await posted(request)
        if isinstance(checked, Response):
            return checked
        room, dev, token, form = checked
        if not rooms.claim(store, room, dev, form.get("participant", "")):
            return render_room(request, room, dev, token, status=409,
                               message=words(lang)["taken"])
        return RedirectResponse(base(token), status_code=303)

    @guarded
    async def write(request: Request) -> Response:
        checked = await posted(request)
        if isinstance(checked, Response):
            return checked
        room, dev, token, form = checked
        if dev.participant_id is None:
            return RedirectResponse(base(token), status_code=303)
        here = where_now(room.session_id)
        field = next((f for f in (here.own_fields if here else ())
                      if f.key == form.get("field") and here.item.id == form.get("item")),
                     None)
        if field is None:  # the chair moved on: what was typed is shown back, not lost
            return render_room(request, room, dev, token, status=409,
                               message=words(lang)["moved"])
        answers = {c.key: form.get(f"a_{c.key}", "") for c in field.columns}
        rooms.write(store, here, dev.participant_id, field, answers)
        return RedirectResponse(f"{base(token)}?saved=1", status_code=303)

    @guarded
    async def evaluate(request: Request) -> Response:
        checked = await posted(request)
        if isinstance(checked, Response):
            return checked
        room, dev, token, form = checked
        here = where_now(room.session_id)
        if dev.participant_id is None or here is None or not here.evaluation:
            return RedirectResponse(base(token), status_code=303)
        answers = {k: int(form[f"e_{k}"]) for k in evaluation.ITEMS
                   if form.get(f"e_{k}", "") in ("1", "2", "3", "4", "5")}
        rating = form.get("rating", "")
        rooms.evaluate(store, here, dev, answers,
                       int(rating) if rating in ("1", "2", "3", "4", "5") else None,
                       form.get("open_answer", ""))
        return RedirectResponse(base(token), status_code=303)

    @guarded
    async def state(request: Request) -> Response:
        """Where the chair is, for the page's script: a short opaque text."""
        room, dev, _token = opened(request)
        if room is None or dev is None:
            return PlainTextResponse("closed", status_code=410)
        here = where_now(room.session_id)
        if here is None:
            return PlainTextResponse("closed", status_code=410)
        return PlainTextResponse(state_of(room, here, dev))

    async def not_found(request: Request, exc) -> Response:
        return PlainTextResponse("404", status_code=404)

    routes = [
        Route("/r/{token}/", show, methods=["GET"]),
        Route("/r/{token}/join", join, methods=["POST"]),
        Route("/r/{token}/write", write, methods=["POST"]),
        Route("/r/{token}/evaluate", evaluate, methods=["POST"]),
        Route("/r/{token}/state", state, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
    app.add_middleware(BodyCap)
    return app
