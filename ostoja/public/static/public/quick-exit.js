// Quick exit: replace this page by a neutral one, so "Back" does not return to it.
// location.replace swaps the current history entry instead of adding one. Without JavaScript the
// button is an ordinary link to the same neutral page.
//
// Keys: Escape leaves from anywhere except while typing in a field (there Escape is what people
// press to dismiss an autocomplete suggestion, and leaving would throw away what they wrote).
// Shift pressed three times within five seconds leaves from anywhere, fields included, as in the
// GOV.UK "Exit this page" pattern.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) {
    return;
  }
  var target = button.getAttribute("href");
  var shiftPresses = 0;
  var shiftTimer = null;
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    document.title = "";
    window.location.replace(target);
  }
  function typingIn(element) {
    if (!element || element === document.body) {
      return false;
    }
    if (element.isContentEditable) {
      return true;
    }
    var name = element.tagName;
    if (name === "TEXTAREA" || name === "SELECT") {
      return true;
    }
    if (name !== "INPUT") {
      return false;
    }
    var kind = (element.getAttribute("type") || "text").toLowerCase();
    return ["button", "checkbox", "radio", "submit", "reset", "image", "hidden"].indexOf(kind) === -1;
  }
  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (event.repeat) {
        return;
      }
      shiftPresses += 1;
      window.clearTimeout(shiftTimer);
      if (shiftPresses >= 3) {
        shiftPresses = 0;
        leave(event);
        return;
      }
      shiftTimer = window.setTimeout(function () {
        shiftPresses = 0;
      }, 5000);
      return;
    }
    shiftPresses = 0;
    if ((event.key === "Escape" || event.key === "Esc") && !typingIn(event.target)) {
      leave(event);
    }
  });
})();
