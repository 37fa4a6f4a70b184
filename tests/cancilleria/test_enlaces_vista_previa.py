"""Shared preview links: anyone with the link reads the draft until it expires or is revoked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cancilleria.base import services
from cancilleria.base.models import EnlaceVistaPrevia, Estado
from tests.consultas import presupuesto_constante
from tests.factories import ComunicadoFactory, EventoFactory, TemaFactory
from tests.usuarios import EDITOR, PERSONAL, REDACTOR, crear_usuario

pytestmark = pytest.mark.django_db

LISTA = "/admin/comunicados/comunicado/"


@pytest.fixture
def borrador():
    return ComunicadoFactory(
        estado=Estado.BORRADOR, fecha_publicacion=None, titulo_es="Borrador para revisar"
    )


@pytest.fixture
def enlace(borrador):
    return services.crear_enlace_vista_previa(objeto=borrador, usuario=crear_usuario(REDACTOR))


def test_el_enlace_muestra_el_borrador_sin_sesion(client, enlace):
    """Anonymous: 200, the public template with a banner, noindex, never stored."""
    respuesta = client.get(enlace.get_absolute_url())
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Borrador para revisar" in html
    assert "Vista previa compartida: este contenido no es público." in html
    assert "comunicado__titulo" in html  # the public detail template
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"
    control = respuesta["Cache-Control"]
    assert "private" in control and "no-store" in control
    assert respuesta["X-Cache"] == "BYPASS"
    assert "application/ld+json" not in html


def test_el_enlace_nunca_se_guarda_en_el_cache(client, enlace, monkeypatch):
    """Visits store no page in the shared cache (a public page does, as a control)."""
    from cancilleria.base.cache import middleware

    guardadas = []
    original = middleware.cache.set

    def espiar(clave, *args, **kwargs):
        guardadas.append(clave)
        return original(clave, *args, **kwargs)

    monkeypatch.setattr(middleware.cache, "set", espiar)
    for _ in range(2):
        assert client.get(enlace.get_absolute_url())["X-Cache"] == "BYPASS"
    assert not [c for c in guardadas if c.startswith("publico:pagina:")]
    ComunicadoFactory(slug="publico")
    client.get("/comunicados/publico/")
    assert [c for c in guardadas if c.startswith("publico:pagina:")]
    services.revocar_enlace_vista_previa(enlace=enlace, usuario=crear_usuario(EDITOR))
    # No stored copy could outlive the revocation: the next visit is already a 410.
    assert client.get(enlace.get_absolute_url()).status_code == 410


def test_el_enlace_en_ingles(client, enlace):
    """The same token works under /en/ with the English banner."""
    respuesta = client.get(f"/en{enlace.get_absolute_url()}")
    assert respuesta.status_code == 200
    assert "Shared preview: this content is not public." in respuesta.content.decode()


def test_vence_a_las_72_horas(client, enlace, time_machine):
    """Open until the end of its 72 hours; then 410 with a clear message."""
    time_machine.move_to(enlace.expira - timedelta(minutes=1), tick=False)
    assert client.get(enlace.get_absolute_url()).status_code == 200
    time_machine.move_to(enlace.expira + timedelta(seconds=1), tick=False)
    respuesta = client.get(enlace.get_absolute_url())
    assert respuesta.status_code == 410
    html = respuesta.content.decode()
    assert "Este enlace de vista previa ya no funciona" in html
    assert "Venció el" in html
    assert "Borrador para revisar" not in html
    assert "no-store" in respuesta["Cache-Control"]


def test_dura_72_horas_por_defecto(enlace):
    """The default life of a link is 72 hours."""
    restante = enlace.expira - timezone.now()
    assert timedelta(hours=71, minutes=59) < restante <= timedelta(hours=72)


def test_revocado_da_410(client, enlace):
    """Revoked: 410 at once, in both languages."""
    services.revocar_enlace_vista_previa(enlace=enlace, usuario=crear_usuario(EDITOR))
    respuesta = client.get(enlace.get_absolute_url())
    assert respuesta.status_code == 410
    assert "revocó" in respuesta.content.decode()
    ingles = client.get(f"/en{enlace.get_absolute_url()}")
    assert ingles.status_code == 410
    assert "revoked" in ingles.content.decode()


@pytest.mark.parametrize("token", ["inventado", "abc.def", "x" * 300])
def test_un_token_falso_da_404(client, enlace, token):
    """A token we did not sign is a plain 404 (no database lookup by a guessed key)."""
    assert client.get(f"/vista-previa/{token}/").status_code == 404


def test_un_token_con_otra_firma_da_404(client, enlace):
    """The stored key alone is not a link: the signature is needed."""
    assert client.get(f"/vista-previa/{enlace.clave}.firma/").status_code == 404


def test_enlace_a_un_evento(client):
    """Events are shared the same way, with their own template."""
    evento = EventoFactory(
        estado=Estado.EN_REVISION, fecha_publicacion=None, nombre_es="Evento en revisión"
    )
    enlace = services.crear_enlace_vista_previa(objeto=evento, usuario=crear_usuario(EDITOR))
    respuesta = client.get(enlace.get_absolute_url())
    assert respuesta.status_code == 200
    assert "Evento en revisión" in respuesta.content.decode()


def test_presupuesto_de_consultas(client, borrador):
    """The shared preview costs the same queries with 3 or 30 topics."""
    enlace = services.crear_enlace_vista_previa(objeto=borrador, usuario=crear_usuario(EDITOR))

    def preparar(n):
        borrador.temas.set([TemaFactory() for _ in range(n)])
        return enlace.get_absolute_url()

    presupuesto_constante(client, preparar)


# -- the admin -----------------------------------------------------------------------


def test_crear_listar_y_revocar_desde_el_admin(client, borrador):
    """From the change form: create a link, see it with its author and expiry, revoke it."""
    editor = crear_usuario(EDITOR)
    client.force_login(editor)
    cambio = f"{LISTA}{borrador.pk}/change/"
    html = client.get(cambio).content.decode()
    crear = f"{LISTA}{borrador.pk}/enlaces-vista-previa/crear/"
    assert f'formaction="{crear}"' in html
    respuesta = client.post(crear)
    assert respuesta.status_code == 302
    enlace = EnlaceVistaPrevia.objects.get()
    assert enlace.objeto == borrador
    assert enlace.creado_por == editor
    html = client.get(cambio).content.decode()
    assert enlace.token in html
    assert editor.username in html
    assert "vigente" in html
    # Enter in a field submits with the first button: "Guardar", never "Revocar".
    assert html.index('name="_save"') < html.index(">Revocar<")
    revocar = f"{LISTA}{borrador.pk}/enlaces-vista-previa/{enlace.pk}/revocar/"
    assert client.post(revocar).status_code == 302
    enlace.refresh_from_db()
    assert enlace.revocado_en is not None
    assert "revocado el" in client.get(cambio).content.decode()
    client.logout()
    assert client.get(enlace.get_absolute_url()).status_code == 410


def test_crear_exige_post_y_permiso(client, borrador):
    """GET is refused; staff without the right to edit get 403 and no link."""
    client.force_login(crear_usuario(EDITOR))
    crear = f"{LISTA}{borrador.pk}/enlaces-vista-previa/crear/"
    assert client.get(crear).status_code == 405
    client.force_login(crear_usuario(PERSONAL))
    assert client.post(crear).status_code == 403
    assert not EnlaceVistaPrevia.objects.exists()


def test_no_se_revoca_el_enlace_de_otro_elemento(client, borrador, enlace):
    """A link is revoked only through its own item's URL."""
    otro = ComunicadoFactory()
    client.force_login(crear_usuario(EDITOR))
    url = f"{LISTA}{otro.pk}/enlaces-vista-previa/{enlace.pk}/revocar/"
    assert client.post(url).status_code == 404
    enlace.refresh_from_db()
    assert enlace.revocado_en is None
