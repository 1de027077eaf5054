"""Stock rising from 0 in the ledger emails each waiting subscriber once, with a working unsubscribe link."""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.emails.models import EmailTemplate
from catalogue.models import BackInStockSubscription
from catalogue.services.stock import stock_adjust, stock_release, stock_take
from catalogue.services.stock_alerts import stock_alert_subscribe, stock_alerts_notify
from catalogue.tasks import resend_unsent_confirmations
from catalogue.tests.fixtures import add_apron_with_a_sold_out_size, add_product, clear_caches
from catalogue.tests.test_order_emails import broker_down  # noqa: F401 - the shared fixture
from users.factories import UserFactory

LINK = re.compile(r"http://localhost(/alerts/unsubscribe/[0-9a-f-]+/)")


@pytest.fixture
def pan(knives):
    return add_product(knives, image=False, title="Copper pan", stock=0)


@pytest.fixture
def apron(knives):
    return add_apron_with_a_sold_out_size(knives)


def subscribe(product, *emails, variant=None):
    return [stock_alert_subscribe(product=product, variant=variant, email=email)[0] for email in emails]


def restock(capture, **kwargs):
    """A stock adjustment, committed: its on-commit alerts run (eagerly, as the test settings run tasks)."""
    with capture(execute=True):
        return stock_adjust(**kwargs)


@pytest.mark.django_db
def test_a_restock_from_zero_emails_each_subscriber_once_with_a_working_unsubscribe_link(
    client, pan, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe(pan, "ann@example.com", "bob@example.com")

    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=5, note="Delivery")

    assert sorted(email.to[0] for email in mailoutbox) == ["ann@example.com", "bob@example.com"]
    email = next(email for email in mailoutbox if email.to == ["ann@example.com"])
    assert email.subject == "Copper pan is back in stock"
    assert pan.get_full_url() in email.body
    assert BackInStockSubscription.objects.filter(notified_at__isnull=True).count() == 0
    (path,) = set(LINK.findall(email.body))
    assert f"<http://localhost{path}>" == email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = email.alternatives[0][0]
    assert f'href="http://localhost{path}"' in html

    confirm = client.get(path)
    assert confirm.status_code == 200 and "Stop the back-in-stock alert?" in confirm.content.decode()
    assert BackInStockSubscription.objects.filter(email="ann@example.com").exists()  # a GET changes nothing
    stopped = client.post(path)
    assert stopped.status_code == 200 and "Alert stopped" in stopped.content.decode()
    assert list(BackInStockSubscription.objects.values_list("email", flat=True)) == ["bob@example.com"]
    assert client.post(path).status_code == 404  # already stopped


@pytest.mark.django_db
def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token(pan):
    from django.test import Client

    (subscription,) = subscribe(pan, "ann@example.com")
    mail_client = Client(enforce_csrf_checks=True)
    url = reverse("catalogue:stock_alert_unsubscribe", args=[subscription.token])
    assert mail_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        lambda: reverse("catalogue:stock_alert_unsubscribe", args=[uuid.uuid4()]),
        lambda: "/alerts/unsubscribe/not-a-token/",
        lambda: "/alerts/unsubscribe/" + "f" * 5000 + "/",
        lambda: "/alerts/unsubscribe/%00%27--/",
    ],
    ids=["unknown token", "not a uuid", "huge", "garbage"],
)
def test_a_bad_unsubscribe_token_is_a_404_not_a_500(client, pan, path):
    subscribe(pan, "ann@example.com")
    assert client.get(path()).status_code == 404
    assert client.post(path()).status_code == 404
    assert BackInStockSubscription.objects.count() == 1


@pytest.mark.django_db
def test_stock_rising_between_positive_numbers_sends_nothing(
    knives, mailoutbox, django_capture_on_commit_callbacks
):
    stocked = add_product(knives, image=False, stock=3)
    # Left over from when it was sold out (the sign-up itself refuses an in-stock product).
    BackInStockSubscription.objects.create(product=stocked, email="ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=stocked.pk, change=2)
    assert mailoutbox == []
    assert BackInStockSubscription.objects.get().notified_at is None


@pytest.mark.django_db
def test_a_second_restock_after_the_alert_sends_nothing(pan, mailoutbox, django_capture_on_commit_callbacks):
    subscribe(pan, "ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=2)
    with django_capture_on_commit_callbacks(execute=True):
        stock_take(product_id=pan.pk, quantity=2)
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=4)
    assert len(mailoutbox) == 1
    # Running the task again (a retry, a duplicate message) finds no one waiting.
    assert stock_alerts_notify(product_id=pan.pk, variant_id=None) == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_asking_again_after_being_told_arms_the_same_subscription(
    pan, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe(pan, "ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=1)
    with django_capture_on_commit_callbacks(execute=True):
        stock_take(product_id=pan.pk, quantity=1)
    subscribe(pan, "ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=1)
    assert [email.to for email in mailoutbox] == [["ann@example.com"], ["ann@example.com"]]
    assert BackInStockSubscription.objects.count() == 1


@pytest.mark.django_db
def test_a_cancelled_order_returning_the_last_items_alerts(
    pan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product_id=pan.pk, change=1)
        stock_take(product_id=pan.pk, quantity=1)
    subscribe(pan, "ann@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        stock_release(product_id=pan.pk, quantity=1)
    assert [email.to for email in mailoutbox] == [["ann@example.com"]]


@pytest.mark.django_db
def test_a_variant_restocked_in_the_admin_alerts_only_its_own_subscribers(
    client, apron, mailoutbox, django_capture_on_commit_callbacks
):
    product, medium, large = apron
    subscribe(product, "large@example.com", variant=large)
    # Left over from when M was sold out: M moving 4 -> 6 is no restock.
    BackInStockSubscription.objects.create(product=product, variant=medium, email="medium@example.com")
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    url = reverse("catalogue_stock_adjust", args=[product.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"variant": medium.pk, "change": "2", "note": "Box"}).status_code == 302
        assert client.post(url, {"variant": large.pk, "change": "3", "note": "Box"}).status_code == 302
    (email,) = mailoutbox
    assert email.to == ["large@example.com"]
    assert email.subject == "Apron (L) is back in stock"
    assert f"{product.get_full_url()}?variant={large.pk}" in email.body


@pytest.mark.django_db
def test_the_alert_uses_the_editors_wording(pan, mailoutbox, django_capture_on_commit_callbacks):
    EmailTemplate.objects.create(
        kind="back_in_stock",
        subject="Good news: {product_name}",
        intro="{product_name} has landed at {shop_name}.",
    )
    subscribe(pan, "ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=1)
    (email,) = mailoutbox
    assert email.subject == "Good news: Copper pan"
    assert "Copper pan has landed at" in email.body
    assert "Copper pan has landed at" in email.alternatives[0][0]
    assert LINK.search(email.body)  # the shop's own part keeps the unsubscribe link


@pytest.mark.django_db
def test_nothing_is_sent_if_it_sold_out_again_before_the_task_ran(pan, mailoutbox):
    subscribe(pan, "ann@example.com")
    # No on-commit capture: the restock's task never ran, and the stock went again.
    stock_adjust(product_id=pan.pk, change=1)
    stock_take(product_id=pan.pk, quantity=1)
    assert stock_alerts_notify(product_id=pan.pk, variant_id=None) == 0
    assert mailoutbox == []
    assert BackInStockSubscription.objects.get().notified_at is None


@pytest.mark.django_db
def test_with_the_broker_down_the_alert_is_sent_in_the_request(
    pan,
    mailoutbox,
    django_capture_on_commit_callbacks,
    broker_down,  # noqa: F811
    caplog,
):
    subscribe(pan, "ann@example.com")
    restock(django_capture_on_commit_callbacks, product_id=pan.pk, change=1)
    assert [email.to for email in mailoutbox] == [["ann@example.com"]]
    assert "Broker unavailable" in caplog.text


@pytest.mark.django_db
def test_the_sweep_sends_alerts_whose_task_was_lost(pan, mailoutbox):
    subscribe(pan, "ann@example.com")
    stock_adjust(product_id=pan.pk, change=2)  # its on-commit task lost, as with the broker
    assert mailoutbox == []
    assert resend_unsent_confirmations() == 1
    assert resend_unsent_confirmations() == 0
    assert [email.to for email in mailoutbox] == [["ann@example.com"]]


@pytest.mark.django_db
def test_a_failed_send_releases_the_claim_for_the_retry(pan, mailoutbox, settings):
    subscribe(pan, "ann@example.com")
    stock_adjust(product_id=pan.pk, change=1)
    settings.EMAIL_BACKEND = "catalogue.tests.test_stock_alert_emails.RefusingBackend"
    with pytest.raises(OSError):
        stock_alerts_notify(product_id=pan.pk, variant_id=None)
    assert BackInStockSubscription.objects.get().notified_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert stock_alerts_notify(product_id=pan.pk, variant_id=None) == 1


class RefusingBackend:
    """A mail server that refuses the connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
def test_the_unsubscribe_page_for_a_deleted_product_is_a_404(client, pan):
    (subscription,) = subscribe(pan, "ann@example.com")
    url = reverse("catalogue:stock_alert_unsubscribe", args=[subscription.token])
    pan.delete()
    assert client.get(url).status_code == 404
    assert urlsplit(url).path.startswith("/alerts/unsubscribe/")


@pytest.mark.django_db
def test_each_further_subscriber_costs_one_query_its_claim(
    knives, mailoutbox, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    counts = {}
    for waiting in (5, 20):
        product = add_product(knives, image=False, stock=0)
        subscribe(product, *(f"s{n}@example.com" for n in range(waiting)))
        clear_caches()
        with django_assert_max_num_queries(200) as captured:
            restock(django_capture_on_commit_callbacks, product_id=product.pk, change=3)
        counts[waiting] = len(captured.captured_queries)
    assert len(mailoutbox) == 25
    assert counts[20] - counts[5] == 15
