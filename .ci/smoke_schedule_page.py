"""Schedule a new category to go live a few seconds from now, as a moderator does in the admin.

Run by `.ci/smoke` with production settings. The page is saved as a draft revision with
`go_live_at` set and that revision published: Wagtail then only marks it approved for that
time (`approved_go_live_at`), and beat's `publish_scheduled` makes it live. Prints the
page's URL path for the driver to wait on.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(seconds_ahead: int) -> str:
    import django

    django.setup()
    from django.utils import timezone
    from wagtail.models import Site

    from catalogue.models import CategoryPage
    from users.models import User

    home = Site.objects.get(is_default_site=True).root_page.specific
    moderator = User.objects.get(email="moderator@example.com")
    page = home.add_child(
        instance=CategoryPage(title="Coming soon", slug="coming-soon", live=False, owner=moderator)
    )
    page.go_live_at = timezone.now() + timedelta(seconds=seconds_ahead)
    revision = page.save_revision(user=moderator)
    revision.publish(user=moderator)
    page.refresh_from_db()
    revision.refresh_from_db()
    if page.live or revision.approved_go_live_at is None:
        raise SystemExit("the page was published at once instead of being scheduled")
    return "/" + page.url_path.removeprefix(home.url_path)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
