/* fentkg: on a document page, mark every piece of the span the URL fragment points at
 * (the highlight an entity page's claim link lands on). Without JavaScript the browser still
 * scrolls to the span; this only adds the outline. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".hl.current").forEach(function (n) { n.classList.remove("current"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || !/^[\w-]+$/.test(id)) return;
    var parts = document.querySelectorAll('.hl[data-ev~="' + id + '"]');
    parts.forEach(function (n) { n.classList.add("current"); });
    if (parts.length) parts[0].scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
