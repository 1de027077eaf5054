"""The site's form renderer: every ``{{ form }}`` goes through one form and one field template.

TemplatesSetting (rather than Django's default renderer) looks templates up through
TEMPLATES, so the project's ``templates/includes/`` can hold them; ``django.forms`` in
INSTALLED_APPS keeps Django's own widget templates findable.
"""

from django.forms.renderers import TemplatesSetting


class ShopFormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"
