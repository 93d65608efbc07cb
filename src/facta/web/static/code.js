// The "code this text" page: pointing at an event in the table picks out its marks in the text.
(function () {
  "use strict";
  var text = document.getElementById("coded-text");
  if (!text) { return; }
  var marks = text.querySelectorAll("mark[data-events]");
  function focus(index) {
    text.classList.toggle("focused", index !== null);
    marks.forEach(function (mark) {
      var events = mark.getAttribute("data-events").split(" ");
      mark.classList.toggle("in-focus", index !== null && events.indexOf(index) >= 0);
    });
    document.querySelectorAll("tr.coded-event").forEach(function (row) {
      row.classList.toggle("selected", row.getAttribute("data-event") === index);
    });
  }
  var pinned = null;
  document.querySelectorAll("tr.coded-event").forEach(function (row) {
    var index = row.getAttribute("data-event");
    row.addEventListener("mouseenter", function () { focus(index); });
    row.addEventListener("mouseleave", function () { focus(pinned); });
    row.addEventListener("click", function () { pinned = pinned === index ? null : index; focus(pinned); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pinned = pinned === index ? null : index; focus(pinned); }
    });
  });
})();
