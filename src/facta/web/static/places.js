// Event places by longitude and latitude, sized by events and coloured by mean Goldstein.
(function () {
  "use strict";
  var node = document.getElementById("places-data");
  var chart = document.getElementById("places-chart");
  if (!node || !chart || typeof Plotly === "undefined") { return; }
  var places = JSON.parse(node.textContent);
  var most = Math.max.apply(null, places.map(function (p) { return p.events; }).concat([1]));
  Plotly.newPlot(chart, [{
    type: "scatter", mode: "markers", x: places.map(function (p) { return p.lon; }),
    y: places.map(function (p) { return p.lat; }),
    text: places.map(function (p) { return p.name + (p.country ? ", " + p.country : "") + ": " + p.events + " events"; }),
    hovertemplate: "%{text}<extra></extra>",
    marker: {size: places.map(function (p) { return 8 + 30 * Math.sqrt(p.events / most); }),
             color: places.map(function (p) { return p.mean_goldstein; }), cmin: -10, cmax: 10,
             colorscale: [[0, "#a8322d"], [0.5, "#e8e8e8"], [1, "#1f5f99"]], showscale: true,
             colorbar: {title: {text: "Goldstein"}}, line: {color: "#1d2733", width: 0.5}, opacity: 0.85}
  }], {
    margin: {l: 50, r: 20, t: 10, b: 40}, hovermode: "closest",
    font: {family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12},
    xaxis: {range: [-180, 180], title: {text: "longitude"}, zeroline: false, gridcolor: "#eef1f4", dtick: 30},
    yaxis: {range: [-90, 90], title: {text: "latitude"}, zeroline: false, gridcolor: "#eef1f4", dtick: 30,
            scaleanchor: "x", scaleratio: 1}
  }, {responsive: true, displaylogo: false});
})();
