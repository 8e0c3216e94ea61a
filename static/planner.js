// Planning page: narrow the place lists by search, city and theme; show progress and hold the button while planning.
(function () {
  "use strict";
  var search = document.querySelector(".place-filter");
  var city = document.querySelector(".place-city");
  var theme = document.querySelector(".place-theme");
  function narrow() {
    var needle = search.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("ul.places li"), function (item) {
      var ticked = item.querySelector("input").checked;
      var shown = (needle === "" || item.dataset.search.indexOf(needle) !== -1) &&
        (city.value === "" || item.dataset.city === city.value) &&
        (theme.value === "" || (" " + item.dataset.themes + " ").indexOf(" " + theme.value + " ") !== -1);
      item.hidden = !(shown || ticked);
    });
  }
  if (search && city && theme) {
    search.addEventListener("input", narrow);
    city.addEventListener("change", narrow);
    theme.addEventListener("change", narrow);
  }
  var form = document.getElementById("plan-form");
  if (form) {
    form.addEventListener("submit", function () {
      var box = document.getElementById("plan-progress");
      var bar = box.querySelector("progress");
      var seconds = parseFloat(form.dataset.seconds) || 5;
      var started = Date.now();
      document.getElementById("plan-submit").disabled = true;
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
