"""Drive the production smoke site over HTTP as a guest, and check what the background processes did.

Run by `.ci/smoke` from the production-only venv, so it uses the standard library alone.
Each check prints one line; the last line is the summary, and the exit status is the
number of failed checks (0 when all pass).

    smoke_driver.py --base http://127.0.0.1:PORT --worker-mail DIR --web-mail DIR \
        --scheduled /coming-soon/ --beat-log FILE --worker-log FILE
"""

import argparse
import html
import json
import re
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from email import message_from_bytes
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

MAIL_WAIT_SECONDS = 60
# Beat runs publish_scheduled every minute, counted from its start.
SCHEDULE_WAIT_SECONDS = 100
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class CheckFailed(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)
    radios: dict = field(default_factory=dict)


class PageParser(HTMLParser):
    """The bits of a page the driver follows: links, media, meta tags, forms and their fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.media, self.stylesheets, self.forms = [], [], [], []
        self.meta = {}
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self._in_h1 = self._in_h1 or (tag == "h1" and not self.h1)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.media.append(attrs["src"])
        elif tag == "source" and attrs.get("srcset"):
            self.media += [
                candidate.split()[0] for candidate in attrs["srcset"].split(",") if candidate.strip()
            ]
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")
        elif tag == "form":
            self.forms.append(Form(action=attrs.get("action", ""), method=attrs.get("method", "get").lower()))
        elif tag in ("input", "select", "textarea", "button") and self.forms and attrs.get("name"):
            form = self.forms[-1]
            if attrs.get("type") == "radio":
                form.radios.setdefault(attrs["name"], attrs.get("value", ""))
                if "checked" in attrs:
                    form.radios[attrs["name"]] = attrs.get("value", "")
            elif tag != "button":
                form.fields[attrs["name"]] = attrs.get("value", "")

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
            self.h1 = self.h1.strip()


def parse(response: Response) -> PageParser:
    parser = PageParser()
    parser.feed(response.text)
    return parser


class Guest:
    """One browser: its own cookies, following redirects, never raising on an HTTP status."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(
        self, url: str, data: dict | None = None, method: str | None = None, headers=None
    ) -> Response:
        url = urljoin(self.base, url)
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as answer:
                return Response(answer.status, dict(answer.headers), answer.read(), answer.url)
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read(), url)

    def cookie(self, name: str) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")


class Smoke:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, label: str, step):
        started = time.monotonic()
        try:
            result = step()
        except CheckFailed as error:
            self.failed += 1
            print(f"  FAIL {label}: {error}", flush=True)
            return None
        self.passed += 1
        print(f"  ok   {label} ({time.monotonic() - started:.1f}s)", flush=True)
        return result


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def get_ok(guest: Guest, url: str, content_type: str = "text/html", method: str = "GET") -> Response:
    response = guest.request(url, method=method)
    expect(response.status == 200, f"{method} {url} answered {response.status}")
    got = response.headers.get("Content-Type", "")
    expect(got.startswith(content_type), f"{url} is {got!r}, not {content_type}")
    return response


def same_server(base: str, url: str) -> str:
    expect(urlsplit(url).netloc == urlsplit(base).netloc, f"{url} does not point at the served {base}")
    return url


def mail_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.log")) if folder.is_dir() else []


def find_mail(folder: Path, needle: str) -> str | None:
    for path in mail_files(folder):
        text = path.read_bytes()
        # The file backend writes each message as it would go over SMTP, separated by dashes.
        for chunk in text.split(b"-" * 79):
            message = message_from_bytes(chunk.strip())
            subject = message.get("Subject", "")
            if needle in subject:
                return subject
    return None


def page_published_by_beat_and_worker(args) -> str:
    """The logs say beat sent publish_scheduled and the worker's task published the page."""
    beat = Path(args.beat_log).read_text(errors="replace")
    expect("Sending due task publish-scheduled" in beat, "beat's log shows no publish-scheduled")
    deadline = time.monotonic() + 5  # the worker's log line may trail the page going live
    while True:
        worker = Path(args.worker_log).read_text(errors="replace")
        received = re.search(r"Task home\.tasks\.publish_scheduled\[[^\]]+\] received", worker)
        published = re.search(r"ForkPoolWorker-\d+\] Published: \"Coming soon\"", worker)
        if received and published:
            return "beat sent publish_scheduled, the worker published it"
        expect(time.monotonic() < deadline, "the worker's log shows no publish_scheduled publishing the page")
        time.sleep(0.5)


def run(args) -> int:
    smoke = Smoke()
    guest = Guest(args.base)
    base = args.base

    health = smoke.check(
        "healthz answers ok", lambda: json.loads(get_ok(guest, "/healthz", "application/json").body)
    )
    if health:
        print(f"       {health}")
    home = smoke.check("home page 200", lambda: get_ok(guest, "/"))

    def sitemap_pages():
        response = get_ok(guest, "/sitemap.xml", "application/xml")
        locs = [loc.text for loc in ElementTree.fromstring(response.body).iter(f"{SITEMAP_NS}loc")]
        expect(len(locs) >= 10, f"only {len(locs)} pages in the sitemap")
        return [same_server(base, loc) for loc in locs]

    locs = smoke.check("sitemap.xml lists the pages at the served address", sitemap_pages) or []
    smoke.check(
        "robots.txt 200, points at the sitemap",
        lambda: expect(
            f"Sitemap: {base}/sitemap.xml" in get_ok(guest, "/robots.txt", "text/plain").text,
            "no Sitemap line",
        ),
    )

    def stylesheets():
        links = parse(home).stylesheets
        expect(links, "the home page links no stylesheet")
        for css in links:
            get_ok(guest, css, "text/css")

    if home:
        smoke.check("static CSS 200", stylesheets)

    def find_product():
        for loc in locs:
            page = get_ok(guest, loc)
            parsed = parse(page)
            adds = [form for form in parsed.forms if form.action.endswith("/cart/add/")]
            if parsed.meta.get("og:type") == "product" and adds and parsed.meta.get("og:image"):
                return loc, page, parsed, adds[0]
        raise CheckFailed("no product page with an add-to-cart form and an og:image")

    found = smoke.check("a guest finds an in-stock product through the sitemap", find_product)
    if not found:
        return finish(smoke, args)
    product_url, product_page, product, add_form = found
    category_url = product_url.rstrip("/").rsplit("/", 1)[0] + "/"
    smoke.check(f"category {urlsplit(category_url).path} 200", lambda: get_ok(guest, category_url))
    smoke.check(
        "product canonical and og:url are the served address",
        lambda: [
            expect(product.meta.get("og:url") == product_url, f"og:url is {product.meta.get('og:url')}")
        ],
    )

    def renditions():
        urls = sorted({urljoin(product_url, src) for src in product.media if "/media/" in src})
        expect(urls, "the product page shows no media images")
        for url in urls:
            response = get_ok(guest, url, "image/")
            expect(
                int(response.headers.get("Content-Length", 0)) == len(response.body) > 0, f"{url} is empty"
            )
            expect(
                "ETag" in response.headers and "max-age" in response.headers.get("Cache-Control", ""),
                f"{url} has no validators",
            )
        again = guest.request(
            urls[0], headers={"If-None-Match": get_ok(guest, urls[0], "image/").headers["ETag"]}
        )
        expect(again.status == 304, f"a revalidation answered {again.status}, not 304")
        return len(urls)

    count = smoke.check("product renditions 200 over gunicorn (and a 304 on revalidation)", renditions)
    if count:
        print(f"       {count} rendition URLs")
    smoke.check("og:image 200", lambda: get_ok(guest, same_server(base, product.meta["og:image"]), "image/"))

    def original_image():
        listing = json.loads(get_ok(guest, "/api/v2/images/?limit=1", "application/json").body)
        download = listing["items"][0]["meta"]["download_url"]
        get_ok(guest, urljoin(base, download), "image/")

    smoke.check("an original image (the images API's download_url) 200", original_image)
    smoke.check(
        "a document original is not served from /media/",
        lambda: expect(guest.request("/media/documents/anything.pdf").status == 404, "documents/ is served"),
    )

    def add_to_cart():
        token = add_form.fields.get("csrfmiddlewaretoken")
        expect(token and guest.cookie("csrftoken"), "no CSRF token in the form or no csrftoken cookie")
        response = guest.request(add_form.action, data={**add_form.fields, "quantity": "2"})
        expect(response.status == 200, f"adding to the cart answered {response.status}")
        cart = get_ok(guest, "/cart/")
        title = product.h1
        expect(title and title in html.unescape(cart.text), f"the cart does not show {title!r}")

    smoke.check("the guest adds 2 to the cart (CSRF token from the form and cookie)", add_to_cart)

    def checkout():
        page = get_ok(guest, "/checkout/")
        form = next((f for f in parse(page).forms if f.method == "post"), None)
        expect(form is not None, "no checkout form")
        data = {**form.fields, **form.radios}
        data.update(
            email="smoke-guest@example.com",
            full_name="Smoke Guest",
            address_line1="1 Loopback Lane",
            city="Localhost",
            postcode="12345",
            country=data.get("country") or "GB",
        )
        placed_at = time.monotonic()
        response = guest.request("/checkout/", data=data)
        expect(response.status == 200, f"checkout answered {response.status}")
        expect(
            "/checkout/orders/" in response.url, f"checkout ended on {response.url}: {response.text[:300]}"
        )
        expect("Thank you! Order" in response.text, "the confirmation page does not name the order")
        number = response.text.split("Thank you! Order", 1)[1].split("<", 1)[0].strip()
        return number, placed_at

    placed = smoke.check("the guest checks out over HTTP and lands on the confirmation", checkout)
    if placed:
        number, placed_at = placed
        print(f"       order {number}")

        def worker_mail():
            deadline = placed_at + MAIL_WAIT_SECONDS
            while time.monotonic() < deadline:
                subject = find_mail(Path(args.worker_mail), number)
                if subject:
                    waited = time.monotonic() - placed_at
                    expect(
                        find_mail(Path(args.web_mail), number) is None,
                        "the web process sent it in the request (broker fallback)",
                    )
                    return f"{subject!r} after {waited:.1f}s"
                time.sleep(0.5)
            raise CheckFailed(f"no email for order {number} from the worker within {MAIL_WAIT_SECONDS}s")

        sent = smoke.check(
            "the Celery worker sent the confirmation email, the web process did not", worker_mail
        )
        if sent:
            print(f"       {sent}")

    def scheduled_page():
        deadline = time.monotonic() + SCHEDULE_WAIT_SECONDS
        while time.monotonic() < deadline:
            response = guest.request(args.scheduled)
            if response.status == 200:
                return page_published_by_beat_and_worker(args)
            time.sleep(1)
        raise CheckFailed(f"{args.scheduled} not live within {SCHEDULE_WAIT_SECONDS}s")

    proof = smoke.check(
        f"the scheduled page {args.scheduled} goes live through beat's publish_scheduled", scheduled_page
    )
    if proof:
        print(f"       {proof}")
    smoke.check(
        "HEAD on a product image answers its headers",
        lambda: expect(
            guest.request(urljoin(product_url, product.media[0]), method="HEAD").body == b"",
            "HEAD sent a body",
        ),
    )
    return finish(smoke, args)


def finish(smoke: Smoke, args) -> int:
    print(f"smoke: {smoke.passed} checks passed, {smoke.failed} failed", flush=True)
    return smoke.failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--worker-mail", required=True)
    parser.add_argument("--web-mail", required=True)
    parser.add_argument("--scheduled", required=True)
    parser.add_argument("--beat-log", required=True)
    parser.add_argument("--worker-log", required=True)
    return min(run(parser.parse_args()), 100)


if __name__ == "__main__":
    sys.exit(main())
