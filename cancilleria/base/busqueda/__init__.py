"""Full-text search over releases and events, one design on two databases.

- texto.py: words (normalising, Snowball stems, stop words, reading a query for FTS5)
- modelo.py: `Buscable`, its `ConfiguracionBusqueda` and QuerySet methods
- postgres.py / sqlite.py: the two backends behind the same three functions
- senales.py: keeping the linked names right; admin.py: the admin's search box;
  filtros.py: the public `q` field
Each app declares what it indexes on its model and creates its index in a migration.
"""

from .admin import BusquedaSinAcentosAdmin
from .filtros import (
    FilterSetConBusqueda,
    FiltroBusqueda,
    acotar_a_candidatos,
    ordenado_por_relevancia,
    ordenar_por_relevancia,
    validar_consulta,
)
from .modelo import CANDIDATOS, Buscable, BuscableQuerySet, ConfiguracionBusqueda
from .postgres import coincide
from .texto import (
    FIN_MARCA,
    INICIO_MARCA,
    TERMINOS_MAXIMOS,
    Termino,
    analizar,
    hay_consulta,
    idioma_de,
    marcado_seguro,
)

__all__ = [
    "CANDIDATOS",
    "FilterSetConBusqueda",
    "acotar_a_candidatos",
    "ordenado_por_relevancia",
    "FIN_MARCA",
    "INICIO_MARCA",
    "TERMINOS_MAXIMOS",
    "Buscable",
    "BusquedaSinAcentosAdmin",
    "BuscableQuerySet",
    "ConfiguracionBusqueda",
    "FiltroBusqueda",
    "Termino",
    "analizar",
    "coincide",
    "hay_consulta",
    "idioma_de",
    "marcado_seguro",
    "ordenar_por_relevancia",
    "validar_consulta",
]
