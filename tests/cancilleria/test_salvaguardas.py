"""The victim-identification detector (cancilleria.base.salvaguardas) and sensitive topics."""

import pytest
from django.core.exceptions import ValidationError

from cancilleria.base import salvaguardas
from cancilleria.directorio.models import AvisoAyuda, Tema

CUERPO_DE_PRUEBA = (
    "<p>La víctima, una menor de 15 años, María Quispe, que vive en Jr. Ucayali 123, "
    "fue rescatada.</p>"
)


def _tipos(texto):
    return [a.tipo for a in salvaguardas.detectar(texto)]


def test_el_caso_del_issue_da_al_menos_tres_advertencias_con_su_frase():
    """Name next to "menor", a minor's age, a street address: three warnings with their sentence."""
    advertencias = salvaguardas.detectar(CUERPO_DE_PRUEBA)
    assert len(advertencias) >= 3
    assert {"nombre_y_edad", "edad_de_menor", "direccion"} <= {a.tipo for a in advertencias}
    fragmentos = {a.tipo: a.fragmento for a in advertencias}
    assert fragmentos["nombre_y_edad"] == "María Quispe"
    assert fragmentos["direccion"] == "Jr. Ucayali 123"
    assert all(a.frase.startswith("La víctima, una menor de 15 años") for a in advertencias)


@pytest.mark.parametrize(
    ("texto", "tipo", "fragmento"),
    [
        ("Su DNI 45678912 fue retenido por el tratante.", "documento", "DNI 45678912"),
        ("Viajó con el pasaporte N° AB1234567 de su tía.", "documento", "pasaporte N° AB1234567"),
        ("Estudiaba en la I.E. N.° 2045 de Huaycán.", "escuela", "I.E. N.° 2045 de Huaycán"),
        (
            "Estudia en el Colegio Nacional Mariano Melgar.",
            "escuela",
            "Colegio Nacional Mariano Melgar",
        ),
        ("La encontraron en la Av. Arequipa N.° 1520.", "direccion", "Av. Arequipa N.° 1520"),
        ("A 15-year-old girl, Maria Quispe, was found.", "nombre_y_edad", "Maria Quispe"),
    ],
)
def test_documentos_escuelas_direcciones_y_ingles(texto, tipo, fragmento):
    """Document numbers, schools, addresses, and English text are flagged."""
    assert (tipo, fragmento) in {(a.tipo, a.fragmento) for a in salvaguardas.detectar(texto)}


def test_el_texto_de_la_semilla_no_da_advertencias():
    """The seed release names officials and figures, not victims: no warnings."""
    from cancilleria.sitio.demo.semilla import COMUNICADO

    for campo in ("titulo_es", "bajada_es", "cuerpo_es", "cuerpo_en"):
        assert salvaguardas.detectar(COMUNICADO.get(campo, "")) == [], campo


def test_una_edad_adulta_sin_menor_no_es_edad_de_menor():
    """An adult's age is not a minor's age, but a name next to it is still flagged."""
    tipos = _tipos("La señora Rosa Mamani, de 34 años, declaró ante la fiscalía.")
    assert "edad_de_menor" not in tipos
    assert "nombre_y_edad" in tipos


def test_la_huella_cambia_con_las_advertencias():
    """The fingerprint identifies a set of warnings, whatever their order."""
    a = salvaguardas.detectar(CUERPO_DE_PRUEBA)
    assert salvaguardas.huella(a) == salvaguardas.huella(list(reversed(a)))
    assert salvaguardas.huella(a) != salvaguardas.huella(a[:1])
    assert salvaguardas.huella([]) == ""


@pytest.mark.django_db
def test_un_tema_sensible_necesita_aviso():
    """Marking a topic sensitive without a helpline notice is a validation error."""
    tema = Tema(nombre="Trata", slug="trata", sensible=True)
    with pytest.raises(ValidationError) as error:
        tema.full_clean()
    assert "aviso_ayuda" in error.value.error_dict
    tema.aviso_ayuda = AvisoAyuda.objects.create(nombre="Línea", texto="Llame.", telefono="1818")
    tema.full_clean()


@pytest.mark.django_db
def test_el_aviso_valida_telefono_y_web():
    """The phone takes digits only (a tel: link), the web address http or https only."""
    aviso = AvisoAyuda(nombre="Línea", texto="Llame.", telefono="(01) 418-1818", url="https://a.pe")
    aviso.full_clean()
    assert aviso.telefono_enlace == "tel:014181818"
    for malo in ({"telefono": "llame ya"}, {"url": "javascript:alert(1)"}, {"url": "ftp://a.pe"}):
        with pytest.raises(ValidationError):
            AvisoAyuda(nombre="Línea", texto="Llame.", **malo).full_clean()
