// storyaudio reading preferences, applied before the page is drawn (this script is not deferred),
// so a listener who chose large text or a tint never sees the page flash in the defaults.
// Each saved choice becomes data-NAME="value" on <html>; style.css does the rest. player.js owns
// the panel that changes them.
(function () {
  "use strict";
  var saved = {};
  try { saved = JSON.parse(window.localStorage.getItem("storyaudio.prefs") || "{}") || {}; } catch (e) { return; }
  var root = document.documentElement;
  Object.keys(saved).forEach(function (name) {
    var value = String(saved[name]);
    if (/^[a-z]{1,12}$/.test(name) && /^[a-z0-9]{1,12}$/.test(value)) root.setAttribute("data-" + name, value);
  });
})();
