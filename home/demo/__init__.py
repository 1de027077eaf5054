"""The foundation's demo pieces: accounts, pictures, the home page, the progress bar and the shared steps.

`manage.py load_demo_data` itself lives in ``catalogue`` (``catalogue.demo.steps``), which
calls the steps in ``home.demo.steps`` around its own; nothing here imports the catalogue.
"""
