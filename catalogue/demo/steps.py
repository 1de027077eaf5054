"""The steps `manage.py load_demo_data` runs, in order: the foundation's around the catalogue's.

The step protocol and the shared ``DemoRun`` are the foundation's (``home.demo.steps``);
to plug in more demo data, add its step here.
"""

from home.demo.steps import (
    Step,
    load_accounts,
    load_home_page,
    load_renditions,
    load_site_address,
    refresh_planner_statistics,
)

from . import load_catalogue_step, load_marketing_step, load_shopper_orders_step, load_waiting_products_step

STEPS: list[Step] = [
    load_accounts,
    load_catalogue_step,  # reads run.products, fills run.featured_pages
    # These fill the admin's other screens from the catalogue just loaded.
    load_marketing_step,
    load_shopper_orders_step,
    load_waiting_products_step,
    load_home_page,  # links run.featured_pages
    load_site_address,
    load_renditions,
    refresh_planner_statistics,
]
