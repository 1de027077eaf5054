"""Lighthouse scores of the home, a category and a product page, on a phone and a desktop.

Usage (from the repository root, after `make lighthouse`, which installs the pinned
Lighthouse from bench/package.json into bench/node_modules):

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/lighthouse.py [--products 200]

It serves the site as bench/page_speed.py does (production settings, gunicorn,
media served by the site itself, DATABASE_URL's database or a throwaway SQLite
file), warms each page once as a visitor before it would, then runs Lighthouse in
Debian's Chromium (``CHROMIUM_PATH``, default /usr/bin/chromium) with its default
throttling: a mid-range phone on a slow 4G link, or its desktop preset.  It prints
one row per page and form factor against the targets below.  Scores move a few
points between runs on a busy machine; performance most of all.

A PostgreSQL database is kept between runs, and so are its pictures: they live in
bench/.media/<host-port-database>/. A database found without that folder (loaded by
an older bench, say) is dropped and loaded again, since its pictures are gone and
the 404s would cost best-practices points (console errors) and layout stability.
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import benchmark_site, gunicorn, sample_urls, server_arguments  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
# The browser tests' flags, headless.
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def lighthouse(url: str, form_factor: str) -> dict:
    """Lighthouse's report on ``url`` as JSON; ``form_factor`` is "mobile" or "desktop"."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url} ({form_factor}):\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def scores(report: dict) -> dict:
    row = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    row["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    row["lcp"] = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    # What cost points, so a low score says where to look.
    row["failing"] = sorted(
        audit_id
        for name in CATEGORIES[1:]
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1
    )
    return row


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=1, seconds=0, port=8767)
    parser.set_defaults(products=200)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse` first")

    env = benchmark_site(args, "lighthouse")
    urls = sample_urls(env)
    pages = {name: urls[name] for name in ("home", "category", "product")}
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    with gunicorn(env, args.port, args.workers):
        for path in pages.values():
            # A first visit renders the page and its image renditions; shoppers mostly get the cached page.
            urllib.request.urlopen(base + path, timeout=60).read()
        for number, (name, path) in enumerate(pages.items(), start=1):
            for form_factor in ("mobile", "desktop"):
                print(f"[{number}/{len(pages)}] {name} {form_factor} ...", file=sys.stderr, flush=True)
                rows.append((name, form_factor, scores(lighthouse(base + path, form_factor))))

    print(
        f"\nLighthouse {lighthouse_version()}; targets: "
        + ", ".join(f"{name} ≥ {target}" for name, target in TARGETS.items())
    )
    print(
        f"{'page':<10}{'device':<9}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'CLS':>8}{'LCP s':>7}  audits failing"
    )
    misses = 0
    for name, form_factor, row in rows:
        misses += sum(row[category] < target for category, target in TARGETS.items())
        print(
            f"{name:<10}{form_factor:<9}{row['performance']:>6}{row['accessibility']:>6}"
            f"{row['best-practices']:>6}{row['seo']:>6}{row['cls']:>8.3f}{row['lcp']:>7.1f}"
            f"  {', '.join(row['failing']) or '-'}"
        )
    print(f"\n{len(rows)} page runs, {misses} score(s) below target")


def lighthouse_version() -> str:
    package = ROOT / "bench" / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    main()
