// Follows the chair: asks where the meeting is every second, and reloads the page when
// the chair moved on, unless something typed here is not kept yet (then it says so).
// Nothing is loaded from anywhere else; without this script the page still works.
(function () {
  "use strict";
  var room = document.getElementById("room");
  if (!room || !window.fetch) { return; }
  var place = room.getAttribute("data-place");
  var url = room.getAttribute("data-state");
  var every = parseInt(room.getAttribute("data-poll"), 10) || 1000;
  var typed = false;
  var seen = room.getAttribute("data-seen");  // the state the page was made from
  document.addEventListener("input", function () { typed = true; });
  document.addEventListener("submit", function () { typed = false; });
  function look() {
    fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 410) { window.location.reload(); return null; }
      return r.ok ? r.text() : null;
    }).then(function (now) {
      if (now === null || now === undefined) { return; }
      var moved = now.split(":").slice(0, 3).join(":") !== place;
      if (now !== seen || moved) {
        if (typed) {
          document.getElementById("moved").hidden = false;
        } else {
          window.location.reload();
          return;
        }
      }
    }).catch(function () {}).then(function () { window.setTimeout(look, every); });
  }
  window.setTimeout(look, every);
})();
