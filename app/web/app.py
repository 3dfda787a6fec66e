"""The mobile site's routes: sign-in, the tenant's meters, usage, records, PIN, power off/on.

``create_app(site)`` serves only what ``tenant_access`` / ``tenant_view`` /
``tenant_control`` let a signed-in tenant see and do; every meter id in a URL
goes through them, so another tenant's meter is "not found" like a missing one.
Store reads run on Starlette's thread pool; a switch or a live read is handed
to the bus owner and its ``Future`` awaited without holding a thread (at most
``wait_s``, then the page says it is still going).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import secrets
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app.errors import PemError
from app.messages import Message
from app.services import credit_forecast, tenant_access, tenant_control, tenant_view
from app.services.money import format_fen_grouped
from app.services.payments import tenant_buy
from app.web import buy, texts
from app.web.chart import daily_chart, kwh
from app.web.rates import SharedRates
from app.web.security import (
    HEADERS,
    HSTS,
    LANG_COOKIE,
    PRE_COOKIE,
    SESSION_COOKIE,
    Cookies,
    Recent,
    RequestLimit,
    site_secret,
)

HERE = Path(__file__).parent
SIGN_INS_AT_ONCE = 2
NOTIFY_PREFIX = "/pay/notify/"  # the providers' notifications (app/web/buy.py)
BACK_TO = re.compile(r"/(home|records|pin|login|meter/[0-9]{1,11})")  # where /lang may return
RECENT_S = 60.0  # the daily chart and the months change once a day; a balance every poll
NOTICES = {"sent_off", "sent_on", "sent_read", "pending", "signed_out", "expired", "pin_changed"}


def local_time(at: dt.datetime | None) -> str:
    """A naive UTC time as the server's local time, to the minute."""
    if at is None:
        return ""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class Portal:
    """The app's state: cookies, limits, templates, and the site switches go to."""

    def __init__(self, site, secret: bytes, https: bool, request_limit: int, wait_s: float):
        self.site = site
        self.cookies = Cookies(secret)
        self.https = https
        self.limit = RequestLimit(request_limit)
        self.wait_s = wait_s
        # Sign-ins a few at a time: each is a slow scrypt run and three write transactions;
        # dozens at once (a crowd, or PIN spraying from many addresses) fought the collector
        # and the cashier for SQLite's write lock ("database is locked", HTTP 500).
        self.sign_ins = asyncio.Semaphore(SIGN_INS_AT_ONCE)
        self.recent = Recent(RECENT_S)  # the chart and the months
        # every opened meter's rate of use, one batch shared by all pages (app/web/rates.py)
        self.rates = SharedRates(tenant_view.opened_meters, credit_forecast.use_rates, RECENT_S)
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False
        )
        self.env.filters.update(fen=format_fen_grouped, kwh=kwh, local=local_time)
        for name in self.env.list_templates():  # compiled now, not by the first crowd at once
            self.env.get_template(name)

    # ---- cookies and who is asking
    def lang(self, request: Request) -> str:
        lang = request.cookies.get(LANG_COOKIE, texts.DEFAULT_LANG)
        return lang if lang in texts.LANGS else texts.DEFAULT_LANG

    def token(self, request: Request) -> str | None:
        return self.cookies.unsign(request.cookies.get(SESSION_COOKIE))

    def who(self, request: Request) -> tenant_access.TenantActor | None:
        token = self.token(request)
        return tenant_access.session_tenant(token) if token else None

    def set_cookie(self, response: Response, name: str, value: str) -> None:
        response.set_cookie(
            name, self.cookies.sign(value), httponly=True, samesite="strict", secure=self.https
        )

    # ---- pages
    def page(self, request: Request, name: str, status: int = 200, **values) -> HTMLResponse:
        lang = self.lang(request)
        values.setdefault("notice", None)
        values.setdefault("error", None)
        if values["notice"] is None and request.query_params.get("n") in NOTICES:
            values["notice"] = texts.text(lang, request.query_params["n"])
        html = self.env.get_template(name).render(
            t=lambda key, **p: texts.text(lang, key, **p),
            msg=lambda m: texts.message_text(lang, Message.of(m)),
            lang=lang,
            path=request.url.path,
            **values,
        )
        return HTMLResponse(html, status_code=status)

    def csrf_of(self, request: Request) -> str:
        """The CSRF token for forms on this page (the session's, or the visitor's pre cookie)."""
        value = self.token(request) or self.cookies.unsign(request.cookies.get(PRE_COOKIE))
        return self.cookies.csrf_for(value) if value else ""

    async def form_checked(self, request: Request, signing_in: bool = False):
        """The posted form, or None when its CSRF token does not match this visitor's cookie.

        The sign-in form's token goes with the pre cookie, the others' with the session.
        """
        form = await request.form()
        pre = self.cookies.unsign(request.cookies.get(PRE_COOKIE))
        value = pre if signing_in else self.token(request) or pre
        return form if self.cookies.csrf_ok(value, form.get("csrf")) else None


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def create_app(
    site,
    secret: bytes | None = None,
    https: bool = False,
    request_limit: int = 120,
    wait_s: float = 8.0,
):
    """The mobile site for ``site`` (opened by ``tenant_site.open_for_tenants`` or a collector):
    an ASGI app (Starlette's routes behind the address limit and the security headers)."""
    portal = Portal(site, secret or site_secret(site.paths.data_dir), https, request_limit, wait_s)

    def signed_in(handler=None, *, load=None):
        """Only for a signed-in tenant. With ``load(request, who)``: the page's values are read
        in the same trip to the thread pool as the session (one hop a page, not two), and the
        handler is called as ``handler(request, who, values)``."""

        def wrap(handler):
            def session_and_values(request: Request):
                who = portal.who(request)
                return who, (load(request, who) if load is not None and who is not None else None)

            async def guarded(request: Request):
                who, values = await run_in_threadpool(session_and_values, request)
                if who is None:
                    return _redirect("/login?n=expired" if portal.token(request) else "/login")
                if load is not None:
                    return await handler(request, who, values)
                return await handler(request, who)

            return guarded

        return wrap(handler) if handler is not None else wrap

    async def index(request: Request):
        return _redirect("/home")

    async def login_page(request: Request, error: Message | str | None = None, status=200):
        pre = portal.cookies.unsign(request.cookies.get(PRE_COOKIE)) or secrets.token_urlsafe(16)
        response = portal.page(
            request,
            "login.html",
            status,
            csrf=portal.cookies.csrf_for(pre),
            error=error,
        )
        portal.set_cookie(response, PRE_COOKIE, pre)
        return response

    async def login_post(request: Request):
        form = await portal.form_checked(request, signing_in=True)
        if form is None:
            return await login_page(request, texts.text(portal.lang(request), "bad_form"), 403)
        source = f"web:{request.client.host if request.client else '?'}"
        try:
            async with portal.sign_ins:  # waiting here holds no thread of the pool
                who = await run_in_threadpool(
                    tenant_access.sign_in,
                    str(form.get("account", "")),
                    str(form.get("pin", "")),
                    source,
                )
                token = await run_in_threadpool(tenant_access.start_session, who, source)
        except PemError as exc:
            return await login_page(request, Message.of(exc), 401)
        old = portal.token(request)
        if old:  # a session cookie brought to the sign-in is never carried on (fixation)
            await run_in_threadpool(tenant_access.end_session, old)
        response = _redirect("/home")
        portal.set_cookie(response, SESSION_COOKIE, token)
        response.delete_cookie(PRE_COOKIE)
        return response

    @signed_in
    async def logout(request: Request, who):
        if await portal.form_checked(request) is None:
            return Response(texts.text(portal.lang(request), "bad_form"), status_code=403)
        await run_in_threadpool(tenant_access.end_session, portal.token(request))
        response = _redirect("/login?n=signed_out")
        response.delete_cookie(SESSION_COOKIE)
        return response

    def home_values(request: Request, who):
        state = tenant_view.service_state()
        meters = tenant_view.my_meters(who, portal.rates, state)
        return {"who": who, "meters": meters, "state": state}

    @signed_in(load=home_values)
    async def home(request: Request, who, values):
        return portal.page(request, "home.html", csrf=portal.csrf_of(request), **values)

    def meter_values(who, meter_id: int, lang: str):
        state = tenant_view.service_state()
        meters = tenant_view.my_meters(who, portal.rates, state)
        meter = next((m for m in meters if m.meter_id == meter_id), None)
        if meter is None:  # not theirs: nothing kept is looked at
            return None

        def usage():
            days, months = tenant_view.usage(who, meter_id, 30, 12)
            return daily_chart(days, texts.text(lang, "kwh")), [
                m for m in reversed(months) if m.energy
            ]

        chart, months = portal.recent.get(("usage", who.tenant_id, meter_id, lang), usage)
        return {
            "who": who,
            "meter": meter,
            "chart": chart,
            "months": months,
            "state": state,
            "pay_on": tenant_buy.offered(),
        }

    def meter_id_of(request: Request) -> int | None:
        raw = request.path_params["meter_id"]
        return int(raw) if raw.isdigit() and len(raw) < 12 else None

    def not_found(request: Request, who) -> HTMLResponse:
        return portal.page(request, "message.html", 404, who=who, error=None, key="not_found")

    def meter_page_values(request: Request, who):
        meter_id = meter_id_of(request)
        return None if meter_id is None else meter_values(who, meter_id, portal.lang(request))

    @signed_in(load=meter_page_values)
    async def meter(request: Request, who, values):
        if values is None:
            return not_found(request, who)
        return portal.page(request, "meter.html", csrf=portal.csrf_of(request), **values)

    actions = {  # the tenant_control function and the notice when it is done
        "off": ("switch_off", "sent_off"),
        "on": ("switch_on", "sent_on"),
        "read": ("refresh_balance", "sent_read"),
    }

    @signed_in
    async def act(request: Request, who):
        meter_id = meter_id_of(request)
        action = actions.get(request.path_params["action"])
        if meter_id is None or action is None:
            return not_found(request, who)
        if await portal.form_checked(request) is None:
            return Response(texts.text(portal.lang(request), "bad_form"), status_code=403)
        name, done_key = action
        lang = portal.lang(request)
        try:
            future = await run_in_threadpool(
                getattr(tenant_control, name), who, meter_id, portal.site
            )
            if future is None:  # a live read too soon after the last
                return await show_error(request, who, meter_id, texts.text(lang, "read_too_soon"))
            # shielded: a page that stops waiting must not cancel the meter's job
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), portal.wait_s)
        except TimeoutError:
            return _redirect(f"/meter/{meter_id}?n=pending")
        except PemError as exc:
            return await show_error(request, who, meter_id, Message.of(exc))
        return _redirect(f"/meter/{meter_id}?n={done_key}")

    async def show_error(request: Request, who, meter_id: int, error) -> HTMLResponse:
        values = await run_in_threadpool(meter_values, who, meter_id, portal.lang(request))
        if values is None:
            return not_found(request, who)
        return portal.page(
            request, "meter.html", 409, csrf=portal.csrf_of(request), error=error, **values
        )

    @signed_in
    async def records(request: Request, who):
        def load():
            return tenant_view.recharges(who, 50), tenant_view.sms_record(who, 50)

        recharges, messages = await run_in_threadpool(load)
        return portal.page(
            request,
            "records.html",
            who=who,
            recharges=recharges,
            messages=messages,
            csrf=portal.csrf_of(request),
        )

    @signed_in
    async def pin_page(request: Request, who):
        return portal.page(request, "pin.html", who=who, csrf=portal.csrf_of(request))

    @signed_in
    async def pin_post(request: Request, who):
        form = await portal.form_checked(request)
        lang = portal.lang(request)
        error = None
        if form is None:
            error = texts.text(lang, "bad_form")
        elif form.get("new_pin") != form.get("new_pin_again"):
            error = texts.text(lang, "pin_mismatch")
        else:
            try:
                await run_in_threadpool(
                    tenant_access.change_pin,
                    who,
                    str(form.get("old_pin", "")),
                    str(form.get("new_pin", "")),
                )
            except PemError as exc:
                error = Message.of(exc)
        if error is not None:
            csrf = portal.csrf_of(request)
            return portal.page(request, "pin.html", 400, who=who, csrf=csrf, error=error)
        response = _redirect("/login?n=pin_changed")  # the change ended every session
        response.delete_cookie(SESSION_COOKIE)
        return response

    async def language(request: Request):
        lang = request.query_params.get("to")
        back = request.query_params.get("next", "/home")
        if not BACK_TO.fullmatch(back):  # only the site's own pages: "/\\x" is "//x" to a browser
            back = "/home"
        response = _redirect(back)
        if lang in texts.LANGS:
            response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict")
        return response

    extra_headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
    if portal.https:
        extra_headers.append((b"strict-transport-security", HSTS.encode()))

    def guard(inner):
        """Per-address request limit and the security headers on every answer (plain ASGI:
        ``BaseHTTPMiddleware`` costs a task and a stream a request)."""

        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                return await inner(scope, receive, send)
            request = Request(scope)
            address = request.client.host if request.client else "?"
            answer = inner
            # A provider's payment notifications are not throttled: each is verified by its
            # signature, and a 429 would only delay a tenant's credit until it sends again.
            notice = scope.get("path", "").startswith(NOTIFY_PREFIX)
            if not notice and not portal.limit.allow(address):
                answer = Response(texts.text(portal.lang(request), "too_many"), status_code=429)
                answer.headers["Retry-After"] = "60"

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    names = {name for name, _v in extra_headers}
                    kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                    message = {**message, "headers": kept + extra_headers}
                await send(message)

            await answer(scope, receive, send_with_headers)

        return guarded

    @contextlib.asynccontextmanager
    async def lifespan(app):
        portal.rates.refresh()  # the first batch of rates of use before the first page asks
        yield

    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", index),
            Route("/login", login_page, methods=["GET"]),
            Route("/login", login_post, methods=["POST"]),
            Route("/logout", logout, methods=["POST"]),
            Route("/home", home),
            *buy.routes(portal, signed_in, not_found),  # before /meter/{id}/{action}
            Route("/meter/{meter_id}", meter),
            Route("/meter/{meter_id}/{action}", act, methods=["POST"]),
            Route("/records", records),
            Route("/pin", pin_page, methods=["GET"]),
            Route("/pin", pin_post, methods=["POST"]),
            Route("/lang", language),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
    )
    return guard(app)
