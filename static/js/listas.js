// Progressive enhancement of the filtered lists. Without JavaScript the page still works:
// the filters open with a click, and the server redirects a URL with empty fields.
(function () {
  "use strict";
  // Wide screens show the filters beside the results; on a phone they wait behind
  // "Filtrar" so the results come first. The attribute keeps assistive technology
  // told the truth about what is shown.
  var ancho = window.matchMedia("(min-width: 48em)");
  var desplegables = document.querySelectorAll("[data-filtros]");
  function ajustar() {
    desplegables.forEach(function (d) {
      if (ancho.matches) d.open = true;
      else if (!d.hasAttribute("data-abierto-por-servidor")) d.open = false;
    });
  }
  desplegables.forEach(function (d) {
    if (d.open) d.setAttribute("data-abierto-por-servidor", "");
  });
  ajustar();
  if (ancho.addEventListener) ancho.addEventListener("change", ajustar);

  // Empty fields make URLs like ?q=&tipo=&desde=: leave them out of the request.
  document.querySelectorAll("form[data-sin-vacios]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var vacios = Array.prototype.filter.call(form.elements, function (campo) {
        return campo.name && !campo.disabled && campo.value === "" &&
          campo.type !== "checkbox" && campo.type !== "radio";
      });
      vacios.forEach(function (campo) { campo.disabled = true; });
      // The request is already built; back/forward cache must not show them disabled.
      window.setTimeout(function () {
        vacios.forEach(function (campo) { campo.disabled = false; });
      }, 0);
    });
  });
})();
