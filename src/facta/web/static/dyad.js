// The dyad chart: QuadClass bars (cooperation above zero, conflict below), the words-vs-deeds gap, and mean
// Goldstein in a lower panel. Clicking a bar or a point opens the events behind it.
(function () {
  "use strict";
  var node = document.getElementById("dyad-data");
  var chart = document.getElementById("dyad-chart");
  if (!node || !chart || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var quads = [
    ["verbal_coop", 1, "verbal cooperation", "#8ab6dc", 1],
    ["material_coop", 2, "material cooperation", "#1f5f99", 1],
    ["verbal_conflict", 3, "verbal conflict", "#eea79f", -1],
    ["material_conflict", 4, "material conflict", "#a8322d", -1]
  ];

  // With by_actor a period has one row per actor: bars sum them, the gap gets one line per actor.
  var periods = [], byPeriod = {}, actors = {};
  data.periods.forEach(function (row) {
    var p = byPeriod[row.period];
    if (!p) {
      p = byPeriod[row.period] = {period: row.period, period_end: row.period_end, gap: 0, n: 0, goldsteinSum: 0};
      quads.forEach(function (q) { p[q[0]] = 0; });
      periods.push(p);
    }
    quads.forEach(function (q) { p[q[0]] += row[q[0]]; });
    p.gap += row.gap;
    if (row.mean_goldstein !== null) { p.goldsteinSum += row.mean_goldstein * row.n_events; p.n += row.n_events; }
    if (row.actor) { (actors[row.actor] = actors[row.actor] || []).push(row); }
  });
  var x = periods.map(function (p) { return p.period; });
  var traces = quads.map(function (q) {
    return {
      type: "bar", name: q[2], x: x, yaxis: "y", marker: {color: q[3]},
      y: periods.map(function (p) { return q[4] * p[q[0]]; }),
      customdata: periods.map(function (p) { return [p.period, p.period_end, q[1], p[q[0]]]; }),
      hovertemplate: "%{customdata[0]}<br>" + q[2] + ": %{customdata[3]}<extra></extra>"
    };
  });
  var gapLines = Object.keys(actors).length ? Object.keys(actors).map(function (actor) {
    return {name: "gap: " + actor, rows: actors[actor]};
  }) : [{name: "words − deeds", rows: periods}];
  var gapColours = ["#e08a1e", "#7b3fa0", "#2a9d8f", "#555"];
  gapLines.forEach(function (line, i) {
    traces.push({
      type: "scatter", mode: "lines+markers", name: line.name, yaxis: "y2",
      x: line.rows.map(function (r) { return r.period; }), y: line.rows.map(function (r) { return r.gap; }),
      customdata: line.rows.map(function (r) { return [r.period, r.period_end, null]; }),
      line: {color: gapColours[i % gapColours.length], width: 2.5}, marker: {size: 7},
      hovertemplate: "%{x|%Y-%m-%d}<br>" + line.name + ": %{y}<extra></extra>"
    });
  });
  traces.push({
    type: "scatter", mode: "lines+markers", name: "mean Goldstein", yaxis: "y3", x: x,
    y: periods.map(function (p) { return p.n ? Math.round(100 * p.goldsteinSum / p.n) / 100 : null; }),
    customdata: periods.map(function (p) { return [p.period, p.period_end, null]; }),
    line: {color: "#333", width: 1.5}, marker: {size: 5}, connectgaps: false,
    hovertemplate: "%{x|%Y-%m-%d}<br>mean Goldstein: %{y}<extra></extra>"
  });

  var reach = 1;
  periods.forEach(function (p) {
    reach = Math.max(reach, p.verbal_coop + p.material_coop, p.verbal_conflict + p.material_conflict);
  });
  var gapReach = 1;
  traces.forEach(function (t) { if (t.yaxis === "y2") { t.y.forEach(function (v) { gapReach = Math.max(gapReach, Math.abs(v)); }); } });
  // Whole-number ticks: the bars and the gap are counts.
  function step(range) { return Math.max(1, Math.ceil(range / 4)); }
  var layout = {
    barmode: "relative", bargap: 0.25, hovermode: "closest", margin: {l: 60, r: 60, t: 10, b: 40},
    font: {family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12, color: "#1d2733"},
    legend: {orientation: "h", y: -0.12}, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
    xaxis: {type: "date", anchor: "y3", showgrid: false},
    yaxis: {domain: [0.34, 1], range: [-reach * 1.15, reach * 1.15], zeroline: true, zerolinecolor: "#1d2733",
            title: {text: "events (conflict below 0)"}, gridcolor: "#eef1f4", dtick: step(reach)},
    yaxis2: {overlaying: "y", side: "right", range: [-gapReach * 1.15, gapReach * 1.15], showgrid: false,
             zeroline: false, title: {text: "words − deeds"}, dtick: step(gapReach)},
    yaxis3: {domain: [0, 0.24], range: [-10, 10], title: {text: "Goldstein"}, zeroline: true,
             zerolinecolor: "#9aa5b1", gridcolor: "#eef1f4", tickvals: [-10, 0, 10]}
  };
  Plotly.newPlot(chart, traces, layout, {responsive: true, displaylogo: false,
    modeBarButtonsToRemove: ["lasso2d", "select2d"]});

  chart.on("plotly_click", function (event) {
    var point = event.points && event.points[0];
    if (!point || !point.customdata) { return; }
    var c = point.customdata;
    var url = data.events_url + "&start=" + encodeURIComponent(c[0]) + "&end=" + encodeURIComponent(c[1]);
    if (c[2]) { url += "&quad_class=" + c[2]; }
    window.location.href = url;
  });
})();
