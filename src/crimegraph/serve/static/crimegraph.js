// The crimegraph query page: YASGUI (vendored, see web/README.md) for SPARQL, plus the
// catalog of named questions with their parameters as form fields. Everything it loads
// comes from this server.
(function () {
  "use strict";

  var endpoint = window.location.origin + "/sparql";
  // "#who-did-what-where" picks a question; read it before YASGUI rewrites the address
  var wantedQuestion = decodeURIComponent(window.location.hash.slice(1));
  var START = [
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
    "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>",
    "",
    "# Events and what they are called; press the play button (or Ctrl-Enter) to run.",
    "SELECT ?event ?label ?type WHERE {",
    "  ?event a sem:Event ; sem:eventType ?type .",
    "  OPTIONAL { ?event rdfs:label ?label }",
    "}",
    "LIMIT 100",
  ].join("\n");

  document.getElementById("endpoint-url").textContent = endpoint;

  // crimegraph's prefixes shorten IRIs in result tables (id:organization/sinaloa-cartel)
  var knownPrefixes = {};
  fetch("/prefixes").then(function (r) { return r.json(); }).then(function (p) { knownPrefixes = p; });

  var yasgui = new Yasgui(document.getElementById("editor"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null, // a fresh editor on every visit; nothing kept in the browser
    populateFromUrl: true, // YASGUI's share links open the shared query
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // the class and property completers ask a web service (LOV): keep them off
    yasqe: { autocompleters: [] },
    yasr: { prefixes: function () { return knownPrefixes; } },
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  if (!new URLSearchParams(window.location.search).has("query")) {
    tab.setQuery(START);  // not a shared link: start with a question about this graph
  }
  window.crimegraphYasgui = yasgui;  // for the browser tests and the curious
  // names in full: researchers read the cells, they do not hover over them
  var yasr = tab.getYasr && tab.getYasr();
  if (yasr && yasr.config.plugins.table) {
    yasr.config.plugins.table.dynamicConfig = Object.assign({}, yasr.config.plugins.table.dynamicConfig, { isEllipsed: false });
  }

  // IRIs in results link to their description on this server, not to the web.
  function relink(root) {
    var links = root.querySelectorAll("a.iri:not([data-iri])");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var iri = a.getAttribute("href") || "";
      a.setAttribute("data-iri", iri);
      // every IRI, whatever its scheme: a link never leaves this server
      a.setAttribute("href", "/describe?iri=" + encodeURIComponent(iri));
      a.setAttribute("title", iri);
    }
  }
  new MutationObserver(function () { relink(document.getElementById("editor")); })
    .observe(document.getElementById("editor"), { childList: true, subtree: true });

  // ------------------------------------------------------------------ the catalog
  var select = document.getElementById("catalog-query");
  var description = document.getElementById("catalog-description");
  var fields = document.getElementById("catalog-params");
  var status = document.getElementById("catalog-status");
  var form = document.getElementById("catalog-form");
  var entries = {};

  function element(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) el.textContent = text;
    return el;
  }

  function showEntry(name) {
    var entry = entries[name];
    description.textContent = entry.description;
    fields.textContent = "";
    entry.parameters.forEach(function (p) {
      var box = element("div", { "class": "param" });
      var id = "param-" + p.name;
      box.appendChild(element("label", { "for": id }, p.name + (p.required ? " (required)" : "")));
      var input = element("input", { id: id, name: p.name, type: "text", placeholder: p.default ? "default: " + p.default : "" });
      if (p.required) input.required = true;
      box.appendChild(input);
      if (p.choices && p.choices.length) {  // e.g. the event types
        var list = element("datalist", { id: id + "-choices" });
        p.choices.forEach(function (c) { list.appendChild(element("option", { value: c })); });
        input.setAttribute("list", list.id);
        box.appendChild(list);
      }
      box.appendChild(element("small", {}, p.description || p.accepts));
      fields.appendChild(box);
    });
  }

  fetch("/queries").then(function (r) { return r.json(); }).then(function (catalog) {
    catalog.forEach(function (entry) {
      entries[entry.name] = entry;
      select.appendChild(element("option", { value: entry.name }, entry.title + " (" + entry.name + ")"));
    });
    if (entries[wantedQuestion]) select.value = wantedQuestion;
    showEntry(select.value);
    form.setAttribute("data-ready", "true");
  }).catch(function (e) { status.textContent = "cannot read the catalog: " + e; });

  select.addEventListener("change", function () {
    showEntry(select.value);
    status.textContent = "";
    history.replaceState(null, "", "#" + select.value);  // a link to this question
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    fields.querySelectorAll("input").forEach(function (input) {
      if (input.value.trim()) params.append(input.name, input.value.trim());
    });
    status.textContent = "preparing…";
    fetch("/queries/" + encodeURIComponent(select.value) + "/sparql?" + params.toString())
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
        return r.json();
      })
      .then(function (prepared) {
        status.textContent = prepared.warnings.join(" · ");
        // the header comment repeats what the form shows: leave it out of the editor
        tab.setQuery(prepared.query.replace(/^(#[^\n]*\n)+\s*/, ""));
        return tab.query();
      })
      .catch(function (e) { status.textContent = String(e.message || e); });
  });
})();
