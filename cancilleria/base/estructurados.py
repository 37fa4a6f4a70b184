"""Pieces of schema.org data (JSON-LD) shared by the release and event pages."""

from django.templatetags.static import static

# Google shows at most 110 characters of a headline; longer ones are not "valid".
TITULAR_MAXIMO = 110
NOMBRE_MINISTERIO = "Ministerio de Relaciones Exteriores del Perú"
# The card shared when a page has no image of its own (1200 × 630), and the logo.
TARJETA_COMPARTIR = "img/tarjeta-compartir.png"
LOGO = "img/logo.png"


def url_estatica(request, ruta):
    """Return the absolute URL of a static file (a search engine or a share needs the host)."""
    return request.build_absolute_uri(static(ruta))


def recortar(texto, limite=TITULAR_MAXIMO):
    """Return `texto` in at most `limite` characters, cut between words with an ellipsis."""
    texto = " ".join(str(texto).split())
    if len(texto) <= limite:
        return texto
    corte = texto[: limite - 1]
    if texto[limite - 1] != " " and " " in corte:
        # Drop the word the limit fell in; never "…de víctima".
        corte = corte.rsplit(" ", 1)[0]
    return corte.rstrip(" ,;:.-–—") + "…"


def ministerio(url_logo=None):
    """Return the ministry as a schema.org Organization, with its logo when given."""
    datos = {"@type": "Organization", "name": NOMBRE_MINISTERIO}
    if url_logo:
        datos["logo"] = {"@type": "ImageObject", "url": url_logo}
    return datos
