// Planning page: filter the place lists, and show progress while the server searches.
(function () {
  "use strict";
  var filter = document.querySelector(".place-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var needle = filter.value.trim().toLowerCase();
      filter.dataset.targets.split(" ").forEach(function (name) {
        var select = document.getElementById(name);
        if (!select) { return; }
        Array.prototype.forEach.call(select.options, function (option) {
          option.hidden = needle !== "" && option.text.toLowerCase().indexOf(needle) === -1 && !option.selected;
        });
      });
    });
  }
  var form = document.getElementById("plan-form");
  if (form) {
    form.addEventListener("submit", function () {
      var box = document.getElementById("plan-progress");
      var bar = box.querySelector("progress");
      var seconds = parseFloat(document.getElementById("time_limit_s").value) || parseFloat(form.dataset.seconds) || 5;
      var started = Date.now();
      box.hidden = false;
      window.setInterval(function () {
        bar.value = Math.min(99, 100 * (Date.now() - started) / (seconds * 1000 * 1.3));
      }, 200);
    });
  }
}());
