# The site chrome stays Spanish in this language until translators say otherwise.
from django.conf.locale.es.formats import *  # noqa: F403
