// The pictures of an entity page: one request for the three Vega-Lite specifications
// (/pictures/all?iri=…), each drawn by vega-embed as SVG with Vega's CSP-safe expression
// interpreter (the page's Content-Security-Policy forbids eval). A picture with nothing
// to draw says why. Each figure's state ends as "drawn", "empty" or "failed", and its
// number of marks is written to data-marks (what the browser test counts).
import { expressionInterpreter } from "./vendor/vega/vega-interpreter.mjs";

const container = document.querySelector("[data-pictures]");

function say(figure, text, state) {
  const body = figure.querySelector(".picture-body");
  body.textContent = text;
  figure.dataset.state = state;
}

async function draw() {
  let answer;
  try {
    const response = await fetch(container.dataset.pictures, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${response.status} ${(await response.text()).trim()}`);
    answer = await response.json();
  } catch (error) {
    for (const figure of container.querySelectorAll("figure")) say(figure, `The pictures could not be loaded: ${error.message}`, "failed");
    return;
  }
  for (const figure of container.querySelectorAll("figure[data-kind]")) {
    const picture = answer[figure.dataset.kind];
    if (!picture || !picture.spec) {
      say(figure, picture ? picture.empty : "nothing to draw", "empty");
      continue;
    }
    const body = figure.querySelector(".picture-body");
    body.textContent = "";
    try {
      const result = await vegaEmbed(body, picture.spec, {
        ast: true,
        expr: expressionInterpreter,
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
      });
      const marks = body.querySelectorAll("g.mark-symbol.role-mark path, g.mark-rect.role-mark path, g.mark-rule.role-mark line").length;
      figure.dataset.marks = String(marks);
      figure.dataset.state = "drawn";
      result.view.addEventListener("click", (event, item) => {
        const href = item && item.datum && item.datum.href;
        if (href && href.startsWith("/")) window.location.assign(href);
      });
    } catch (error) {
      say(figure, `This picture could not be drawn: ${error.message}`, "failed");
    }
  }
}

if (container) draw();
