"""The staff area's bar charts: geometry for an SVG drawn by the template."""

# Chart geometry, in SVG user units (the SVG scales to its box).
ANCHO_GRAFICO = 720
ANCHO_ETIQUETAS = 230
ALTO_BARRA = 22
SEPARACION = 8


def grafico_de_barras(elementos, *, etiqueta, valor, titulo):
    """Return the geometry of a horizontal bar chart, numbers as text for SVG attributes.

    Widths are SVG attributes, not CSS: the strict CSP forbids style attributes.
    """
    elementos = list(elementos)
    if not elementos:
        return None
    maximo = max(valor(e) for e in elementos) or 1
    disponible = ANCHO_GRAFICO - ANCHO_ETIQUETAS - 40
    barras = []
    for i, elemento in enumerate(elementos):
        y = SEPARACION + i * (ALTO_BARRA + SEPARACION)
        ancho = disponible * valor(elemento) / maximo
        barras.append(
            {
                "etiqueta": etiqueta(elemento),
                "titulo": titulo(elemento),
                "valor": valor(elemento),
                "y": str(y),
                "y_texto": f"{y + ALTO_BARRA * 0.7:.1f}",
                "ancho": f"{ancho:.1f}",
                "x_valor": f"{ANCHO_ETIQUETAS + ancho + 6:.1f}",
            }
        )
    return {
        "barras": barras,
        "ancho": str(ANCHO_GRAFICO),
        "alto": str(SEPARACION + len(barras) * (ALTO_BARRA + SEPARACION)),
        "x_barras": str(ANCHO_ETIQUETAS),
        "x_etiquetas": str(ANCHO_ETIQUETAS - 8),
        "alto_barra": str(ALTO_BARRA),
    }
