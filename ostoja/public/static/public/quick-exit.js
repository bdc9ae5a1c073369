// Quick exit: replace this page by a neutral one, so "Back" does not return to it.
// location.replace swaps the current history entry instead of adding one. Without JavaScript the
// button is an ordinary link to the same neutral page.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) {
    return;
  }
  var target = button.getAttribute("href");
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    document.title = "";
    window.location.replace(target);
  }
  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      leave(event);
    }
  });
})();
