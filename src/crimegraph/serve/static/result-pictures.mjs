// Pictures of a query's result on the query page: when a SELECT's columns call for
// them (latitude and longitude, dates, source and target), the server draws up the
// Vega-Lite specifications (POST /pictures/query: the same query, run like any other,
// read-only and under the timeout) and they are drawn below the result table. Dates and
// numbers in the table read as people read them; a click shows the typed value.
import { expressionInterpreter } from "./vendor/vega/vega-interpreter.mjs";

const panel = document.getElementById("result-pictures");
const DATE_TYPES = ["date", "dateTime", "gYearMonth", "gYear", "dateTimeStamp"];
const NUMBER_TYPES = ["integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger", "positiveInteger", "short"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function localName(iri) { return (iri || "").split(/[#/]/).pop(); }

function callsForPictures(variables, bindings) {
  const names = variables.map((v) => v.toLowerCase());
  const hasLat = names.some((v) => v === "lat" || v === "latitude");
  const hasLon = names.some((v) => ["lon", "long", "lng", "longitude"].includes(v));
  const hasPair = names.includes("source") && names.includes("target");
  const hasDate = bindings.slice(0, 50).some((row) => Object.values(row).some(
    (term) => term.type !== "uri" && term.datatype && DATE_TYPES.includes(localName(term.datatype))));
  return (hasLat && hasLon) || hasPair || hasDate;
}

async function drawResult(query) {
  panel.hidden = false;
  panel.dataset.state = "loading";
  panel.querySelector(".result-pictures-body").textContent = "drawing…";
  let answer;
  try {
    const response = await fetch("/pictures/query", { method: "POST", body: new URLSearchParams({ query }) });
    if (!response.ok) throw new Error((await response.text()).trim());
    answer = await response.json();
  } catch (error) {
    panel.querySelector(".result-pictures-body").textContent = `No pictures: ${error.message}`;
    panel.dataset.state = "failed";
    return;
  }
  const body = panel.querySelector(".result-pictures-body");
  body.textContent = "";
  let drawn = 0;
  for (const kind of ["map", "timeline", "network"]) {
    if (!answer[kind]) continue;
    const figure = document.createElement("figure");
    figure.className = "picture";
    figure.dataset.kind = kind;
    body.appendChild(figure);
    await vegaEmbed(figure, answer[kind], {
      ast: true, expr: expressionInterpreter, renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    });
    figure.dataset.marks = String(figure.querySelectorAll("g.mark-symbol.role-mark path, g.mark-rect.role-mark path, g.mark-rule.role-mark line").length);
    drawn += 1;
  }
  if (!drawn) body.textContent = "The result's columns call for no picture.";
  panel.dataset.state = drawn ? "drawn" : "empty";
}

// ------------------------------------------------------------------ readable cells
function readable(value, type) {
  if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  if (type === "gYearMonth" && /^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split("-").map(Number);
    return `${MONTHS[m - 1]} ${y}`;
  }
  if (type === "dateTime") {
    const when = new Date(value);
    return Number.isNaN(when.getTime()) ? null : when.toUTCString().replace(" GMT", " UTC");
  }
  if (NUMBER_TYPES.includes(type) && value.trim() !== "" && !Number.isNaN(Number(value))) {
    return Number(value).toLocaleString("en");
  }
  if (type === "gYear") return value;
  return null;
}

function readableCells(root) {
  for (const cell of root.querySelectorAll("span.nonIri:not([data-typed])")) {
    const sup = cell.querySelector("sup a.iri");
    const match = /^"(.*)"/s.exec(cell.firstChild && cell.firstChild.textContent || "");
    if (!sup || !match) continue;
    const type = localName(sup.getAttribute("data-iri") || sup.getAttribute("title") || sup.textContent);
    const text = readable(match[1], type);
    if (text === null) continue;
    cell.dataset.typed = "shown-readable";
    const typed = document.createElement("span");
    typed.className = "typed-value";
    while (cell.firstChild) typed.appendChild(cell.firstChild);
    const shown = document.createElement("span");
    shown.className = "readable-value";
    shown.textContent = text;
    shown.title = `${match[1]} (${sup.textContent}); click for the typed value`;
    cell.append(shown, typed);
    cell.addEventListener("click", (event) => {
      if (event.target.closest("a")) return;
      cell.dataset.typed = cell.dataset.typed === "shown-readable" ? "shown-typed" : "shown-readable";
    });
  }
}

function watch() {
  const yasgui = window.crimegraphYasgui;
  if (!yasgui) { setTimeout(watch, 50); return; }
  const editor = document.getElementById("editor");
  new MutationObserver(() => readableCells(editor)).observe(editor, { childList: true, subtree: true });
  // Yasr draws each new result (and again when its view changes): draw pictures once
  // per result.
  let seen = null;
  const attach = (tab) => {
    const yasr = tab.getYasr();
    if (!yasr || yasr.crimegraphPictures) return;
    yasr.crimegraphPictures = true;
    yasr.on("drawn", () => {
      const results = yasr.results;
      if (!results || results === seen) return;
      seen = results;
      const variables = (results.getVariables && results.getVariables()) || [];
      const bindings = (results.getBindings && results.getBindings()) || [];
      if (!variables.length || !callsForPictures(variables, bindings)) { panel.hidden = true; panel.dataset.state = "none"; return; }
      drawResult(tab.getQuery());
    });
  };
  attach(yasgui.getTab());
  yasgui.on("tabSelect", () => setTimeout(() => attach(yasgui.getTab()), 0));
}

watch();
