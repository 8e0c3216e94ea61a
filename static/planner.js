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
// Background plan: poll the job until it is done or failed, then reload the page.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var seconds = parseFloat(box.dataset.seconds) || 5;
  var started = Date.now();
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();  // the page itself opens the itinerary, or says why it failed
        } else {
          bar.value = job.status === "running" ? Math.min(99, 100 * (Date.now() - started) / (seconds * 1000 * 1.3)) : 0;
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
