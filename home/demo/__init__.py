"""Demo content for `manage.py load_demo_data`: accounts, the home page, and (later) the catalogue.

The loader runs the steps listed in ``home.demo.steps.STEPS``; see that module to add one.
"""
