// PlanScope dashboard: draws the ECharts charts whose data the page embeds as JSON. Animation is off so that
// screenshots and printouts show the finished chart.
(function () {
  function data(id) {
    var el = document.getElementById(id + "-data");
    return el ? JSON.parse(el.textContent) : null;
  }
  function lineChart(el, d) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 64 },
      xAxis: { type: "category", data: d.years },
      yAxis: { type: "value", name: d.unit, scale: true },
      series: [
        { name: d.series[0].name, type: "line", data: d.series[0].data, connectNulls: true,
          lineStyle: { type: "dashed" }, symbol: "circle" },
        { name: d.series[1].name, type: "line", data: d.series[1].data, connectNulls: true, symbolSize: 9 },
        { name: d.series[2].name, type: "scatter", data: d.series[2].data, symbol: "diamond", symbolSize: 14 }
      ]
    });
    return chart;
  }
  function statusChart(el, d) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: d.labels, inverse: true },
      series: [{ type: "bar", data: d.values.map(function (v, i) {
        return { value: v, itemStyle: { color: d.colors[i] } };
      }), label: { show: true, position: "right" } }]
    });
    return chart;
  }
  // The API's Content-Security-Policy forbids inline handlers and style attributes: wire them up here.
  function wire() {
    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    document.querySelectorAll("[data-pct]").forEach(function (el) {
      el.style.width = el.dataset.pct + "%";
    });
  }
  function draw() {
    wire();
    if (typeof echarts === "undefined") return;
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var d = data(el.id);
      if (!d) return;
      charts.push(el.dataset.chart === "status" ? statusChart(el, d) : lineChart(el, d));
      el.dataset.rendered = "1";
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();

  // Plan page: the text after its first part arrives in chunks (htmx, when scrolled into view). A link to a line
  // of a chunk not loaded yet (outline, tables, #L317 in the address) loads that chunk first, then goes there.
  function lineOf(hash) {
    var m = /^#L(\d+)$/.exec(hash || "");
    return m ? parseInt(m[1], 10) : null;
  }
  function reveal(n) {
    var el = document.getElementById("L" + n);
    if (!el) return;
    if (location.hash !== "#L" + n) history.replaceState(null, "", "#L" + n);
    el.scrollIntoView();
    // :target follows the address only on navigation; mark the line the same way by hand.
    document.querySelectorAll(".ln.hit").forEach(function (x) { x.classList.remove("hit"); });
    el.classList.add("hit");
  }
  function goToLine(n) {
    if (document.getElementById("L" + n)) { reveal(n); return true; }
    var chunk = Array.prototype.find.call(document.querySelectorAll(".chunk.pending"), function (c) {
      return +c.dataset.start <= n && n <= +c.dataset.end;
    });
    if (!chunk || typeof htmx === "undefined") return false;
    history.replaceState(null, "", "#L" + n);
    htmx.ajax("GET", chunk.dataset.src, { target: chunk, swap: "outerHTML" }).then(function () { reveal(n); });
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a") : null;
    if (!a) return;
    var href = a.getAttribute("href") || "";
    var n = a.classList.contains("more") ? +a.closest(".chunk").dataset.start : lineOf(href);
    if (n === null || document.getElementById("L" + n) && !a.classList.contains("more")) return;
    if (goToLine(n)) e.preventDefault();
  });
  function fromAddress() {
    var n = lineOf(location.hash);
    if (n !== null && !document.getElementById("L" + n)) goToLine(n);
  }
  window.addEventListener("hashchange", fromAddress);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fromAddress);
  else fromAddress();
})();
