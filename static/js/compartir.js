// Progressive enhancement of the share links: where the browser can, offer its own share
// sheet and a "copy link" button. Without JavaScript the plain links are enough.
(function () {
  "use strict";
  var lista = document.querySelector("[data-compartir]");
  if (!lista) return;
  var url = lista.getAttribute("data-url");
  var titulo = lista.getAttribute("data-titulo");
  var estado = document.querySelector("[data-compartir-estado]");

  function boton(texto, accion) {
    var item = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "boton-enlace";
    b.textContent = texto;
    b.addEventListener("click", accion);
    item.appendChild(b);
    lista.insertBefore(item, lista.firstChild);
  }

  if (navigator.clipboard && window.isSecureContext) {
    boton(lista.getAttribute("data-texto-copiar"), function () {
      navigator.clipboard.writeText(url).then(function () {
        if (estado) estado.textContent = lista.getAttribute("data-texto-copiado");
      });
    });
  }
  if (navigator.share) {
    boton(lista.getAttribute("data-texto-compartir"), function () {
      navigator.share({ title: titulo, url: url }).catch(function () {});
    });
  }
})();
