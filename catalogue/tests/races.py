"""Real races against PostgreSQL: every call starts at once, each on its own connection."""

import threading
from collections.abc import Callable, Iterable

import pytest
from django.db import connection, connections

# A race test empties tables with real commits, so it is transactional; serialized, the
# tests after it still find the migrations' rows (Site, root collection).
race_test = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("_restorable_database"),
]


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")


def race(
    calls: Iterable[Callable[[], object]], *, refused: tuple[type[BaseException], ...] = ()
) -> list[object]:
    """Run every call in a thread of its own, released together by a barrier.

    Returns one outcome per call, in no particular order: what the call returned, or
    ``"refused"`` when it raised one of ``refused``. Any other exception fails the test.
    """
    calls = list(calls)
    start = threading.Barrier(len(calls))
    outcomes, errors = [], []

    def run(call):
        try:
            start.wait()
            outcomes.append(call())
        except refused:
            outcomes.append("refused")
        except BaseException as error:  # noqa: BLE001 - handed back to the test's thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return outcomes


def checkouts(carts, details) -> list[Callable[[], str]]:
    """One call per cart: place its order and answer ``"ok"``."""
    from catalogue.services.orders import order_place

    def checkout(cart):
        order_place(cart=cart, details=details)
        return "ok"

    return [lambda cart=cart: checkout(cart) for cart in carts]
