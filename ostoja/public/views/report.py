"""The public report form ("React!" / "Ask for help"): anonymous, cookie-free, hard for robots.

Protection without cookies or outside services: a signed token that carries when the form was
shown (too quick a submit is a robot) and files one report only (a hash of each used token is
kept until it expires), a field people never see (a robot fills it), a daily limit per sender
counted under a salted hash of the address, and an hourly cap for everyone together past which
reports are set apart rather than refused (ratelimit.py).
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from ostoja.accounts.access import public
from ostoja.hotline.services import contact_from_web_report
from ostoja.hotline.tasks import notify_report_surge
from ostoja.public import ratelimit
from ostoja.public.content import PAGE_BY_NAME, page_context
from ostoja.public.forms import MIN_FILL_SECONDS, ReportForm, new_form_token, token_age
from ostoja.public.views.rendering import render_public


def _form_page(request, lang, form, *, notice: str = "", status: int = 200) -> HttpResponse:
    context = page_context(lang, PAGE_BY_NAME["report"].keys)
    context.update({"form": form, "notice": notice})
    return render_public(request, lang, "public/report.html", context, status=status, url_name="report")


def _with_new_token(request: HttpRequest) -> ReportForm:
    data = request.POST.copy()
    data["token"] = new_form_token()
    form = ReportForm(data)
    form.is_valid()
    return form


# No CSRF cookie may be set on a public page, so the form cannot carry Django's CSRF token. A
# forged cross-site submission could only file a report, which the signed token, the honeypot
# and the rate limit already make costly; nothing is changed on anyone's behalf.
@csrf_exempt
@public
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, lang: str) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, lang, ReportForm(initial={"token": new_form_token()}))

    # The notices must be in the page's language, like the page itself.
    with translation.override(lang):
        if ratelimit.limit_reached(request):
            form = _with_new_token(request)
            notice = _(
                "Thank you. We have already received several messages from this connection today, "
                "so we cannot accept another one through this page right now. Nothing you wrote is "
                "lost: it is still in the form below. Please call us instead, or try again tomorrow."
            )
            return _form_page(request, lang, form, notice=notice, status=429)

        form = ReportForm(request.POST)
        if request.POST.get("website"):
            # A robot filled in the invisible field: thank it and keep nothing.
            ratelimit.count_report(request)
            return redirect("public:report_sent", lang=lang)

        age = token_age(request.POST.get("token", ""))
        if age is None:
            return _form_page(
                request,
                lang,
                _with_new_token(request),
                notice=_("This form was open for a long time. Please check your message and send it again."),
            )
        if not form.is_valid():
            return _form_page(request, lang, form)
        if age < MIN_FILL_SECONDS:
            return _form_page(
                request,
                lang,
                form,
                notice=_("Please check your message once more, then send it again."),
            )

        if not ratelimit.claim_token(request.POST.get("token", ""), age):
            # This very form was sent before (a second click, or a copy replayed): it files one report.
            return redirect("public:report_sent", lang=lang)
        state, count = ratelimit.intake()
        if state == ratelimit.FULL:
            notice = _(
                "Very many messages are arriving right now, so this page cannot take yours at the moment. "
                "Nothing you wrote is lost: it is still in the form below. Please call us, or send it "
                "again in an hour."
            )
            return _form_page(request, lang, _with_new_token(request), notice=notice, status=429)

        data = form.cleaned_data
        with transaction.atomic():
            contact_from_web_report(
                language=lang,
                text=data["text"],
                contact_details=data["contact_details"],
                safe_to_contact=data["safe_to_contact"],
                reporter_kind=data["reporter_kind"],
                location=data["location"],
                surge=state == ratelimit.SURGE,
            )
            ratelimit.count_report(request)
            if count == ratelimit.reports_per_hour() + 1:
                # The first report over the cap this hour: supervisors hear of it once.
                notify_report_surge.enqueue(ratelimit.reports_per_hour())
    if state == ratelimit.SURGE:
        return HttpResponseRedirect(reverse("public:report_sent", kwargs={"lang": lang}) + "?queued=1")
    return redirect("public:report_sent", lang=lang)


@public
@require_GET
def report_sent(request: HttpRequest, lang: str) -> HttpResponse:
    context = page_context(lang, ())
    context["queued"] = request.GET.get("queued") == "1"
    return render_public(request, lang, "public/report_sent.html", context)
