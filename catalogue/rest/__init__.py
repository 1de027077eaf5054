"""The storefront REST API (/api/v1/): thin DRF views over the catalogue's services and selectors.

Every write goes through the same service as the HTML shop (catalogue.services.*); every
read through the same querysets and search selectors. See docs/api.md.
"""
