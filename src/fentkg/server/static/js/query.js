/* fentkg: the query editor at "/" — YASGUI pointed at this server's /sparql, with the query
 * catalog (queries/*.rq) as named examples. Shareable links come from YASGUI's own share button:
 * it encodes the query in the URL, and opening that URL restores it (populateFromUrl). */
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) return;
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).toString();
  var catalog = JSON.parse(document.getElementById("catalog").textContent);
  Yasgui.Yasr.registerPlugin("chart", window.FentkgChart);
  // "Simple view" by default: values as they read ("107000", not "107000"^^xsd:decimal); the switch stays.
  Yasgui.Yasr.defaults.plugins.table.dynamicConfig = { compact: true, pageSize: 50 };
  var fromUrl = new URLSearchParams(window.location.search).has("query");

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,  // every visit starts from the URL or the first example, not from old local state
    yasqe: { autocompleters: ["prefixes", "variables"], resizeable: true, editorHeight: "320px" },
    yasr: { pluginOrder: ["table", "chart", "response"], defaultPlugin: "table", persistenceId: null }
  });
  window.fentkgYasgui = yasgui;

  // Result IRIs under the dataset's base resolve on this server (/id/…, /vocab/…, /ontology): open them here.
  var base = root.getAttribute("data-base"), home = root.getAttribute("data-home");
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.iri") : null;
    if (!link || !base || link.href.indexOf(base) !== 0) return;
    var rest = link.href.slice(base.length);
    if (!/^(id\/|vocab\/|ontology)/.test(rest)) return;
    event.preventDefault();
    window.open(new URL(home + rest, window.location.href).toString(), "_blank", "noopener");
  }, true);

  var select = document.getElementById("example");
  var about = document.getElementById("example-description");

  function show(example, run) {
    var tab = yasgui.getTab();
    tab.setQuery(example.query);
    tab.setName(example.title);
    about.textContent = example.description;
    if (run) tab.query();
  }

  function pick(name) {
    return catalog.filter(function (e) { return e.name === name; })[0];
  }

  select.addEventListener("change", function () {
    var example = pick(select.value);
    if (example) show(example, false);
  });
  document.getElementById("run-example").addEventListener("click", function () {
    var example = pick(select.value);
    if (example) show(example, true);
  });
  if (!fromUrl && catalog.length) {
    show(pick(select.value) || catalog[0], false);
  }
})();
