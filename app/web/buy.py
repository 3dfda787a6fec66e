"""The mobile site's online purchase (issue #16): the buy page, the order's state, and the
providers' notifications.

``/meter/{id}/buy`` offers the presets and a free amount within ``pay.min_fen`` ..
``pay.max_fen`` and the providers offered; the posted form places the order
(``orders.place_order``, channel "phone": written before the provider is asked) and
shows the order's page, whose link opens the provider's page (a form may not redirect
off the site: ``form-action 'self'``). ``/order/{no}`` says where the order is
and refreshes itself (``<meta http-equiv=refresh>``, no script) until it is done;
only the tenant who placed it sees it. ``/pay/notify/{provider}`` hands the raw
notification to ``orders.on_notice`` and answers what the provider requires.
"""

from __future__ import annotations

from dataclasses import asdict

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from app.errors import PemError
from app.messages import Message
from app.services.payments import orders, tenant_buy
from app.services.payments.amounts import fen
from app.services.payments.provider import PROVIDERS
from app.web import texts

REFRESH_S = 3  # the order page looks again this often while the order is open
MAX_BODY = 64 * 1024  # a notification is a few kilobytes


def chosen_amount(form) -> int | None:
    """The preset picked, or the free amount typed (yuan); None when neither reads."""
    typed = str(form.get("other", "")).strip()
    try:
        if typed:
            return fen(typed)
        preset = str(form.get("amount", ""))
        return int(preset) if preset.isdigit() else None
    except ValueError:
        return None


def routes(portal, signed_in, not_found) -> list[Route]:
    """The purchase routes of the portal (``create_app``'s helpers passed in)."""

    def page(request: Request, name: str, status: int = 200, **values):
        return portal.page(request, name, status, csrf=portal.csrf_of(request), **values)

    def load_buy(request: Request, who):
        raw = request.path_params["meter_id"]
        found = tenant_buy.options(who, int(raw)) if raw.isdigit() and len(raw) < 12 else None
        return None if found is None else asdict(found)

    @signed_in(load=load_buy)
    async def buy_page(request: Request, who, values):
        if values is None:
            return not_found(request, who)
        return page(request, "buy.html", who=who, **values)

    @signed_in(load=load_buy)
    async def buy_post(request: Request, who, values):
        if values is None:
            return not_found(request, who)
        lang = portal.lang(request)
        form = await portal.form_checked(request)
        if form is None:
            return page(
                request, "buy.html", 403, who=who, error=texts.text(lang, "bad_form"), **values
            )
        amount = chosen_amount(form)
        provider = str(form.get("provider", ""))
        if amount is None:
            return page(
                request, "buy.html", 400, who=who, error=texts.text(lang, "bad_amount"), **values
            )
        try:
            order = await run_in_threadpool(
                tenant_buy.place, who, values["meter_id"], amount, provider, "phone"
            )
        except PemError as exc:
            return page(request, "buy.html", 409, who=who, error=Message.of(exc), **values)
        # To our own order page, which links to the provider's: the CSP's form-action 'self'
        # (rightly) stops a form's redirect to another site.
        return RedirectResponse(f"/order/{order.order_no}", status_code=303)

    def load_order(request: Request, who):
        return tenant_buy.status(who, request.path_params["order_no"])

    @signed_in(load=load_order)
    async def order_page(request: Request, who, order):
        if order is None:
            return not_found(request, who)
        refresh = REFRESH_S if order.open else None
        return page(request, "order.html", who=who, refresh=refresh, order=order)

    async def notify(request: Request):
        provider = request.path_params["provider"]
        if provider not in PROVIDERS:
            return Response(status_code=404)
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            reply = await run_in_threadpool(orders.on_notice, provider, headers, body)
        except PemError:  # not durable (busy database...): the provider sends it again
            return Response(status_code=500)
        return Response(reply.body, status_code=reply.status, media_type=reply.content_type)

    return [
        Route("/meter/{meter_id}/buy", buy_page, methods=["GET"]),
        Route("/meter/{meter_id}/buy", buy_post, methods=["POST"]),
        Route("/order/{order_no}", order_page),
        Route("/pay/notify/{provider}", notify, methods=["POST"]),
    ]
