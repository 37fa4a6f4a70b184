"""Browser fixtures: Debian's Chromium driven by Playwright, axe-core for accessibility.

Chromium comes from the system (`apt-get install chromium`): `playwright install` cannot
download here. Without it the browser tests are skipped, unless E2E_REQUIRED=1 (CI), where
a missing browser is a failure.
"""

import contextlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
ESCRITORIO = {"width": 1280, "height": 900}
MOVIL = {"width": 390, "height": 844}
ARGUMENTOS_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IMPACTOS_BLOQUEANTES = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    # Every test in this folder drives the browser.
    carpeta = Path(__file__).parent
    for item in items:
        if carpeta in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report so `pagina` can screenshot a failed test.
    report = yield
    setattr(item, f"informe_{report.when}", report)
    return report


def carpeta_artefactos():
    carpeta = Path(os.environ.get("E2E_ARTIFACTS_DIR", RAIZ / "test-artifacts"))
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def ruta_chromium():
    for candidato in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidato and (ruta := shutil.which(candidato)):
            return ruta
    return None


def _sin_navegador(motivo):
    if os.environ.get("E2E_REQUIRED", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"{motivo} (E2E_REQUIRED is set: browser tests must run)", pytrace=False)
    pytest.skip(motivo)


@pytest.fixture(scope="session")
def navegador():
    """Return one headless Chromium for the whole session."""
    ejecutable = ruta_chromium()
    if not ejecutable:
        _sin_navegador("Chromium not found: apt-get install chromium (or set CHROMIUM=/path)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _sin_navegador("Playwright is not installed: make install")

    # Sync Playwright keeps an event loop running in this thread, and Django refuses ORM
    # calls next to a running loop. Allowed only while the browser lives, in tests only.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=ejecutable, args=ARGUMENTOS_CHROMIUM, headless=True
            )
            yield browser
            browser.close()


@pytest.fixture
def pagina(request, navegador, live_server):
    """Return a fresh page (own context, cookies, viewport) aimed at the live server.

    Desktop size by default; `@pytest.mark.parametrize("pagina", [MOVIL], indirect=True)`
    gives a phone-sized one. `pagina.errores_consola` collects console errors (CSP
    violations included) and uncaught exceptions; `pagina.respuestas_fallidas` the
    requests answered with 4xx/5xx (a missing stylesheet, say).
    """
    tamano = getattr(request, "param", None) or ESCRITORIO
    contexto = navegador.new_context(
        base_url=live_server.url,
        viewport=tamano,
        locale="es-PE",
        timezone_id="America/Lima",
    )
    contexto.set_default_timeout(15_000)
    page = contexto.new_page()
    page.errores_consola = []

    def al_registrar(mensaje):
        # Failed loads are caught below, with their URL; Chromium's message has none.
        if mensaje.type == "error" and not mensaje.text.startswith("Failed to load resource"):
            page.errores_consola.append(mensaje.text)

    page.on("console", al_registrar)
    page.on("pageerror", lambda error: page.errores_consola.append(str(error)))
    page.respuestas_fallidas = []
    page.on(
        "response",
        lambda r: r.status >= 400 and page.respuestas_fallidas.append(f"{r.status} {r.url}"),
    )
    yield page
    informe = getattr(request.node, "informe_call", None)
    if informe is not None and informe.failed:
        nombre = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        # A failed screenshot must not hide the real failure.
        with contextlib.suppress(Exception):
            page.screenshot(path=carpeta_artefactos() / f"FALLO-{nombre}.png", full_page=True)
    contexto.close()


@pytest.fixture
def captura():
    """Return a helper that saves a full-page screenshot as test-artifacts/<nombre>.png."""

    def capturar(page, nombre):
        ruta = carpeta_artefactos() / f"{nombre}.png"
        page.screenshot(path=ruta, full_page=True)
        return ruta

    return capturar


def _resumen_violaciones(violaciones):
    lineas = []
    for v in violaciones:
        lineas.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for nodo in v["nodes"]:
            objetivo = " ".join(str(t) for t in nodo["target"])
            lineas.append(f"    {objetivo}")
    return "\n".join(lineas)


def _comprobar_accesibilidad(page, nombre):
    # axe-playwright-python injects axe-core with page.evaluate, which a nonce CSP
    # does not block (add_script_tag would be).
    from axe_playwright_python.sync_playwright import Axe

    resultado = Axe().run(page).response
    if not resultado.get("testEngine", {}).get("version"):
        pytest.fail(f"axe-core did not run on {page.url}", pytrace=False)
    (carpeta_artefactos() / f"axe-{nombre}.json").write_text(
        json.dumps(resultado["violations"], indent=2, ensure_ascii=False), encoding="utf-8"
    )
    graves = [v for v in resultado["violations"] if v.get("impact") in IMPACTOS_BLOQUEANTES]
    if graves:
        pytest.fail(
            f"axe-core found {len(graves)} serious/critical violation(s) on "
            f"{nombre} ({page.url}):\n{_resumen_violaciones(graves)}",
            pytrace=False,
        )
    return resultado


@pytest.fixture
def comprobar_accesibilidad():
    """Return a helper that runs axe-core on a page and fails on serious or critical issues.

    Every violation (minor ones too) is written to test-artifacts/axe-<nombre>.json.
    """
    return _comprobar_accesibilidad
