/* fentkg: a "Chart" view for YASR (the results half of YASGUI), written for issue 5.
 * Draws a horizontal bar chart of a SELECT result: the first column whose values are all numbers
 * gives the bar lengths, the first other bound column the labels. No dependencies; SVG only. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|unsignedInt)$/;
  var MAX_BARS = 200;

  function isNumber(term) {
    return term && term.type !== "uri" && term.type !== "bnode" &&
      (NUMERIC.test(term.datatype || "") || (!term.datatype && term.value !== "" && !isNaN(Number(term.value))));
  }

  function columns(results) {
    var vars = results.getVariables() || [];
    var rows = results.getBindings() || [];
    var value = vars.filter(function (v) {
      var bound = rows.filter(function (r) { return r[v]; });
      return bound.length > 0 && bound.every(function (r) { return isNumber(r[v]); });
    })[0];
    var label = vars.filter(function (v) {
      return v !== value && rows.some(function (r) { return r[v]; });
    })[0];
    return { value: value, label: label, rows: rows };
  }

  function shortText(term) {
    if (!term) return "";
    var text = term.value;
    if (term.type === "uri") text = text.replace(/^.*[\/#]/, "");
    return text.length > 48 ? text.slice(0, 47) + "…" : text;
  }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function FentkgChart(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
  }

  FentkgChart.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    if (!results || !results.getVariables || !results.getBindings) return false;
    var rows = results.getBindings();
    return !!(rows && rows.length && columns(results).value);
  };

  FentkgChart.prototype.getIcon = function () {
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "▦";
    return icon;
  };

  FentkgChart.prototype.draw = function () {
    var c = columns(this.yasr.results);
    var rows = c.rows.filter(function (r) { return r[c.value]; }).slice(0, MAX_BARS);
    var values = rows.map(function (r) { return Number(r[c.value].value); });
    var top = Math.max.apply(null, values.concat([0])) || 1;
    var row = 24, left = 260, width = 760, plot = width - left - 110;
    var svg = el("svg", { "class": "fentkg-chart", viewBox: "0 0 " + width + " " + (rows.length * row + 10),
                          width: "100%", role: "img", "aria-label": "Bar chart of ?" + c.value + " by ?" + (c.label || "row") });
    rows.forEach(function (r, i) {
      var y = 5 + i * row, w = Math.max(1, values[i] / top * plot);
      svg.appendChild(el("text", { x: left - 8, y: y + 15, "text-anchor": "end", "class": "bar-label" },
                         c.label ? shortText(r[c.label]) : String(i + 1)));
      var rect = el("rect", { x: left, y: y, width: values[i] > 0 ? w : 0, height: row - 6, "class": "bar" });
      rect.appendChild(el("title", {}, (c.label ? shortText(r[c.label]) + ": " : "") + r[c.value].value));
      svg.appendChild(rect);
      svg.appendChild(el("text", { x: left + (values[i] > 0 ? w : 0) + 6, y: y + 15, "class": "bar-value" },
                         Number(r[c.value].value).toLocaleString("en")));
    });
    var box = document.createElement("div");
    box.className = "fentkg-chart-box";
    if (c.rows.length > MAX_BARS) {
      var note = document.createElement("p");
      note.textContent = "Showing the first " + MAX_BARS + " of " + c.rows.length + " rows.";
      box.appendChild(note);
    }
    box.appendChild(svg);
    this.yasr.resultsEl.appendChild(box);
  };

  window.FentkgChart = FentkgChart;
})();
