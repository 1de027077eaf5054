"""Screenshots of the shop for the README: home, category, product and checkout, on a desktop and a phone.

Usage (from the repository root, after `make install-dev`, with Debian's chromium):

    .venv/bin/python bench/screenshots.py [--products 60] [--out docs/img]

It serves the demo shop as the benchmarks do (production settings under gunicorn,
media served by the site, a throwaway SQLite database unless DATABASE_URL is set),
drives Chromium with Playwright, and writes one viewport-high JPEG per page and
width (``home-desktop.jpg``, ``checkout-phone.jpg``...).  The checkout is shot with
one product in the cart, put there through the product page's own button.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import benchmark_site, gunicorn, sample_urls, server_arguments  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# (name, viewport, device pixel ratio): a laptop, and a phone at its usual density halved to keep files small.
DEVICES = (
    ("desktop", {"width": 1366, "height": 800}, 1),
    ("phone", {"width": 390, "height": 844}, 1),
)
JPEG_QUALITY = 78
TIMEOUT_MS = 30_000


def shoot(page, url: str, path: Path) -> None:
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(path), type="jpeg", quality=JPEG_QUALITY)
    print(
        f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KB"
    )


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=1, seconds=0, port=8768)
    parser.set_defaults(products=60)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    env = benchmark_site(args, "screenshots")
    urls = sample_urls(env)
    base = f"http://127.0.0.1:{args.port}"
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with gunicorn(env, args.port, args.workers), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for device, viewport, scale in DEVICES:
            print(f"{device} ({viewport['width']} px):")
            context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="en-GB")
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            shoot(page, base + urls["home"], out / f"home-{device}.jpg")
            shoot(page, base + urls["category"], out / f"category-{device}.jpg")
            shoot(page, base + urls["product"], out / f"product-{device}.jpg")
            page.get_by_role("button", name="Add to cart").first.click()
            page.wait_for_load_state("networkidle")
            shoot(page, base + "/checkout/", out / f"checkout-{device}.jpg")
            context.close()
        browser.close()
    print(f"{len(DEVICES) * 4} screenshots in {out}")


if __name__ == "__main__":
    main()
