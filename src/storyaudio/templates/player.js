// storyaudio player: progressive enhancement of the native <audio controls>.
// No page-wide shortcuts; every control is a native element with a proper name.
(function () {
  "use strict";

  // The page's own words, in its language: the template puts the catalogue's translations of what
  // this script says (and how each duration unit is said, one and many) in a data-words attribute.
  var WORDS = (function () {
    var holder = document.querySelector("[data-words]");
    try { return JSON.parse(holder ? holder.getAttribute("data-words") : "{}"); } catch (e) { return {}; }
  })();

  // tr("Chapter: %s", title): the translation of *message*, each %s filled in turn.
  function tr(message) {
    var text = (WORDS.words && WORDS.words[message]) || message, rest = Array.prototype.slice.call(arguments, 1);
    return text.replace(/%s/g, function () { return rest.length ? String(rest.shift()) : ""; });
  }

  function plural(n, unit) {
    var forms = (WORDS.units && WORDS.units[unit]) || ["{0} " + unit, "{0} " + unit + "s"];
    return forms[n === 1 ? 0 : 1].replace("{0}", n);
  }

  function spoken(seconds) {
    var total = Math.max(0, Math.floor(seconds || 0));
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var parts = [];
    if (h) parts.push(plural(h, "hour"));
    if (m) parts.push(plural(m, "minute"));
    if (s || !parts.length) parts.push(plural(s, "second"));
    return parts.join(" ");
  }

  function clock(seconds) {
    var total = Math.max(0, Math.floor(seconds || 0));
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function $(id) { return document.getElementById(id); }

  function announce(message) {
    var status = $("status");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Copy *text*, shown in *field*; where the clipboard is refused, the field is selected so the
  // listener can copy it by hand. *done* is announced on success; *what* names the text.
  function copyShown(field, text, done, what) {
    field.value = text;
    field.hidden = false;
    function byHand() { field.select(); announce(tr(what === "link" ? "Select the link and copy it" : "Select the address and copy it")); }
    if (!navigator.clipboard) { byHand(); return; }
    navigator.clipboard.writeText(text).then(function () { announce(done); }, byHand);
  }

  function setupCopy() {
    var button = $("copy-feed"), field = $("feed-url");
    if (!button || !field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () { copyShown(field, field.value, tr("Feed address copied"), "address"); });
  }

  // Read-along: light up the word being said. The words' times are read once into arrays and
  // found by binary search on every animation frame while playing, so a three-hour episode costs
  // the same as a short one; only the previous and the new word are touched, and nothing is
  // measured, so no frame forces a layout. The highlight is a class, never announced.
  var WORD_HOLD = 0.15; // seconds a word stays lit into a short gap before the next word

  // The index of the last of the sorted *list* at or before *t*, or -1: a binary search, so long
  // episodes cost no more per frame than short ones.
  function lastAtOrBefore(list, t) {
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function setupWords(audio) {
    var spans = document.querySelectorAll(".w"), count = spans.length;
    var starts = new Float64Array(count), ends = new Float64Array(count);
    for (var i = 0; i < count; i++) {
      starts[i] = parseInt(spans[i].getAttribute("data-s"), 10) / 1000;
      ends[i] = parseInt(spans[i].getAttribute("data-e"), 10) / 1000;
    }
    var lit = null, frame = 0, enabled = true, captions = $("captions");

    function at(t) {
      var found = lastAtOrBefore(starts, t);
      if (found < 0) return null;
      var until = ends[found];
      if (found + 1 < count) until = Math.max(until, Math.min(starts[found + 1], ends[found] + WORD_HOLD));
      return t < until ? spans[found] : null;
    }

    function show(t) {
      var word = enabled && count ? at(t) : null;
      if (word === lit) return;
      if (lit) lit.classList.remove("now");
      if (word) word.classList.add("now");
      lit = word;
      if (word && captions && captions.contains(word)) {
        captions.scrollTop = Math.max(0, word.offsetTop - captions.clientHeight / 2);
      }
    }

    function tick() {
      show(audio.currentTime);
      frame = audio.paused || audio.ended ? 0 : window.requestAnimationFrame(tick);
    }

    return {
      show: show,
      enable: function (on) { enabled = on; show(audio.currentTime); },
      follow: function () { if (count && !frame) frame = window.requestAnimationFrame(tick); }
    };
  }

  var PREFS_KEY = "storyaudio.prefs";

  function loadPrefs() {
    try { return JSON.parse(window.localStorage.getItem(PREFS_KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  // The reading preferences panel: each control with data-pref="NAME" is saved in localStorage and
  // shown as data-NAME on <html> (prefs.js applies them again before the next page is drawn).
  // Checkboxes save "on"/"off"; *changed* hears every change, by name.
  function setupPrefs(changed) {
    var button = $("prefs-button"), panel = $("prefs"), root = document.documentElement;
    var controls = Array.prototype.slice.call(document.querySelectorAll("[data-pref]"));
    var prefs = loadPrefs(), defaults = {};
    controls.forEach(function (control) {
      var name = control.getAttribute("data-pref");
      defaults[name] = control.type === "checkbox" ? (control.defaultChecked ? "on" : "off") : control.options[0].value;
      var value = prefs[name] || defaults[name];
      if (control.type === "checkbox") control.checked = value === "on"; else control.value = value;
      control.addEventListener("change", function () { save(name, control.type === "checkbox" ? (control.checked ? "on" : "off") : control.value); });
    });
    function save(name, value) {
      if (value === defaults[name]) { delete prefs[name]; root.removeAttribute("data-" + name); }
      else { prefs[name] = value; root.setAttribute("data-" + name, value); }
      try { window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs)); } catch (e) { /* storage blocked */ }
      changed(name, value);
    }
    if (button && panel) {
      button.addEventListener("click", function () {
        var open = panel.hidden;
        panel.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
      });
      $("prefs-reset").addEventListener("click", function () {
        controls.forEach(function (control) {
          var name = control.getAttribute("data-pref");
          if (control.type === "checkbox") control.checked = defaults[name] === "on"; else control.value = defaults[name];
          save(name, defaults[name]);
        });
        announce(tr("Reading preferences reset"));
      });
    }
    return function (name) { return prefs[name] || defaults[name]; };
  }

  // A time in a page address: #t=65, #t=65.5, #t=1:05 or #t=1:02:05 (seconds from the start).
  function hashTime(hash) {
    var match = /^#t=(\d+(?::\d{1,2}){0,2}(?:\.\d+)?)$/.exec(hash || "");
    if (!match) return null;
    return match[1].split(":").reduce(function (sum, part) { return sum * 60 + parseFloat(part); }, 0);
  }

  // The transcript as prose with one Tab stop: the sentences are spans with a roving tabindex;
  // arrow keys move among them (mirrored on a right-to-left page), Home/End go to the ends,
  // Enter, Space or a click plays from one. Screen readers in browse mode read plain text.
  function setupTranscript(cues, starts, playFrom) {
    var text = $("transcript-text");
    if (!text || !cues.length) return;
    var rtl = getComputedStyle(text).direction === "rtl", stop = cues[0];
    cues.forEach(function (cue) { cue.tabIndex = -1; });
    stop.tabIndex = 0;
    var hint = $("transcript-hint");
    if (hint) { hint.hidden = false; stop.setAttribute("aria-describedby", "transcript-hint"); }
    function moveTo(cue, focus) {
      if (cue !== stop) {
        stop.tabIndex = -1; stop.removeAttribute("aria-describedby");
        cue.tabIndex = 0; if (hint) cue.setAttribute("aria-describedby", "transcript-hint");
        stop = cue;
      }
      if (focus) cue.focus();
    }
    var steps = { ArrowDown: 1, ArrowUp: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, PageDown: 10, PageUp: -10 };
    text.addEventListener("keydown", function (event) {
      var i = cues.indexOf(event.target);
      if (i < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
      var to = event.key === "Home" ? 0 : event.key === "End" ? cues.length - 1 : steps[event.key] === undefined ? null : i + steps[event.key];
      if (to !== null) { event.preventDefault(); moveTo(cues[Math.min(Math.max(to, 0), cues.length - 1)], true); }
      else if (event.key === "Enter" || event.key === " ") { event.preventDefault(); playFrom(i); }
    });
    text.addEventListener("click", function (event) {
      var cue = event.target.closest(".cue"), i = cues.indexOf(cue);
      var selection = window.getSelection();
      if (i < 0 || (selection && !selection.isCollapsed)) return; // selecting text to copy is not a request to play
      moveTo(cue, false);
      playFrom(i);
    });
    return moveTo;
  }

  // Search: every sentence holding the words is outlined, the current match more strongly, and
  // "3 of 12" is shown and announced; arrow keys go to the next or previous match, Enter plays it.
  function setupSearch(cues, playFrom, moveTo) {
    var box = $("find"), field = $("find-text"), count = $("find-count");
    if (!box || !field || !cues.length) return;
    box.hidden = false;
    var matches = [], at = -1, timer = 0;
    function show(say) {
      cues.forEach(function (cue) { cue.classList.remove("match-now"); });
      var message = matches.length ? tr("%s of %s", at + 1, matches.length) : field.value.trim() ? tr("No matches") : "";
      count.textContent = message;
      if (at >= 0) {
        var cue = cues[matches[at]];
        cue.classList.add("match-now");
        if (moveTo) moveTo(cue, false);
        cue.scrollIntoView({ block: "center", behavior: "auto" });
      }
      window.clearTimeout(timer);
      if (message) timer = window.setTimeout(function () { announce(message); }, say ? 0 : 600);
    }
    field.addEventListener("input", function () {
      var query = field.value.trim().toLowerCase().replace(/\s+/g, " ");
      matches = [];
      cues.forEach(function (cue, i) {
        var hit = query.length > 0 && cue.textContent.toLowerCase().replace(/\s+/g, " ").indexOf(query) >= 0;
        cue.classList.toggle("match", hit);
        if (hit) matches.push(i);
      });
      at = matches.length ? 0 : -1;
      show(false);
    });
    field.addEventListener("keydown", function (event) {
      if (!matches.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        at = (at + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
        show(true);
      } else if (event.key === "Enter") {
        event.preventDefault();
        playFrom(matches[at]);
      }
    });
  }

  function setupPlayer() {
    var audio = $("audio"), bar = $("controls");
    if (!audio || !bar) return;
    var player = audio.closest(".player");
    var duration = parseFloat(player.getAttribute("data-duration")) || 0;
    var play = $("play"), playLabel = $("play-label"), seek = $("seek");
    var current = $("current"), total = $("total"), mute = $("mute"), volume = $("volume");
    var speed = $("speed");
    var cues = Array.prototype.slice.call(document.querySelectorAll(".cue"));
    var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapter"));
    var starts = cues.map(function (c) { return parseInt(c.getAttribute("data-start"), 10) / 1000; });
    var chapterStarts = chapters.map(function (c) { return parseInt(c.getAttribute("data-start"), 10) / 1000; });
    var activeCue = null, activeChapter = null, reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    var words = setupWords(audio), captions = $("captions"), tools = $("tools");
    if (captions) captions.hidden = false;
    if (tools) tools.hidden = false;

    audio.removeAttribute("controls");
    bar.hidden = false;
    player.classList.add("enhanced");
    // A page without the panel (the embed) follows the defaults: words lit, no scrolling.
    var setting = setupPrefs(function (name) {
      if (name === "follow" && following() && activeCue) scrollToCue(activeCue);
      if (name === "words") words.enable(setting("words") !== "off");
    });
    function following() { return setting("follow") === "on"; }
    words.enable(setting("words") !== "off");
    keepInReach(player);

    function length() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration; }

    // The slider's words change at most every VALUE_TEXT_EVERY seconds while playing (some screen
    // readers speak every change while it has focus), and at once on a seek.
    var VALUE_TEXT_EVERY = 10, toldAt = -Infinity;

    function render() {
      var t = audio.currentTime, d = length();
      seek.max = String(Math.ceil(d));
      seek.value = String(Math.floor(t));
      if (audio.paused || Math.abs(t - toldAt) >= VALUE_TEXT_EVERY) {
        seek.setAttribute("aria-valuetext", tr("%s of %s", spoken(t), spoken(d)));
        toldAt = t;
      }
      current.textContent = clock(t);
      total.textContent = clock(d);
      highlight(t);
      words.show(t);
    }

    function highlight(t) {
      // Before the first sentence's first sound (it starts a few ms in), that sentence is current.
      // A millisecond's slack: a jump to a cue's start lands on it, not just before it.
      var index = Math.max(lastAtOrBefore(starts, t + 0.001), cues.length ? 0 : -1);
      var cue = index >= 0 ? cues[index] : null;
      if (cue !== activeCue) {
        if (activeCue) activeCue.removeAttribute("aria-current");
        if (cue) {
          cue.setAttribute("aria-current", "true");
          if (following()) scrollToCue(cue);
        }
        activeCue = cue;
      }
      var chapterIndex = lastAtOrBefore(chapterStarts, t + 0.001);
      var chapter = chapterIndex >= 0 ? chapters[chapterIndex] : null;
      if (chapter !== activeChapter) {
        if (activeChapter) activeChapter.removeAttribute("aria-current");
        if (chapter) chapter.setAttribute("aria-current", "true");
        activeChapter = chapter;
      }
    }

    function scrollToCue(cue) {
      // Follow-along never moves what someone is working with: it scrolls only while focus is on
      // the page itself or in the player bar, which is sticky and so stays in view, and never
      // while the pointer is over the transcript.
      var focused = document.activeElement, transcript = $("transcript");
      if (focused && focused !== document.body && !player.contains(focused)) return;
      if (transcript && transcript.matches(":hover")) return;
      cue.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }

    function jump(seconds) {
      audio.currentTime = Math.min(Math.max(0, seconds), length());
      toldAt = -Infinity;
      render();
    }

    function playFrom(i) { jump(starts[i]); audio.play(); }

    function setPlaying(playing) {
      playLabel.textContent = playing ? tr("Pause") : tr("Play");
      play.classList.toggle("playing", playing);
    }

    play.addEventListener("click", function () {
      if (audio.paused) { audio.play(); } else { audio.pause(); }
    });
    audio.addEventListener("play", function () { setPlaying(true); words.follow(); announce(tr("Playing")); });
    audio.addEventListener("pause", function () { setPlaying(false); if (!audio.ended) announce(tr("Paused")); });
    audio.addEventListener("ended", function () { setPlaying(false); });
    audio.addEventListener("timeupdate", render);
    audio.addEventListener("seeked", render);
    audio.addEventListener("loadedmetadata", render);
    $("back").addEventListener("click", function () { jump(audio.currentTime - 15); });
    $("forward").addEventListener("click", function () { jump(audio.currentTime + 30); });
    seek.addEventListener("input", function () { jump(parseFloat(seek.value)); });
    seek.addEventListener("keydown", function (event) {
      // PageUp/PageDown move a tenth of the episode (at least 10 s), as the APG slider does.
      var step = Math.max(10, Math.round(length() / 10));
      if (event.key === "PageUp") { event.preventDefault(); jump(audio.currentTime + step); }
      if (event.key === "PageDown") { event.preventDefault(); jump(audio.currentTime - step); }
    });
    mute.addEventListener("click", function () {
      audio.muted = !audio.muted;
      mute.setAttribute("aria-pressed", String(audio.muted));
    });
    volume.addEventListener("input", function () {
      audio.volume = parseInt(volume.value, 10) / 100;
      volume.setAttribute("aria-valuetext", volume.value + "%");
    });
    speed.addEventListener("change", function () {
      audio.playbackRate = parseFloat(speed.value);
      announce(tr("Playback speed %s", speed.value + "×"));
    });
    chapters.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        jump(chapterStarts[i]);
        announce(tr("Chapter: %s", link.textContent));
      });
    });
    var sentences = cues.filter(function (cue) { return cue.closest("#transcript-text"); });
    var moveTo = setupTranscript(sentences, starts, function (i) { playFrom(cues.indexOf(sentences[i])); });
    setupSearch(sentences, function (i) { playFrom(cues.indexOf(sentences[i])); }, moveTo);
    setupShare(audio);
    function fromAddress() {
      var t = hashTime(window.location.hash);
      if (t !== null) { jump(t); if (audio.readyState < 1) audio.addEventListener("loadedmetadata", function () { jump(t); }, { once: true }); }
    }
    window.addEventListener("hashchange", fromAddress);
    fromAddress();
    render();
  }

  // The sticky bar: scroll-padding follows its height so a focused element is never hidden under
  // it (WCAG 2.4.11), and it gets a shadow once it has left its place ("stuck").
  function keepInReach(player) {
    if (document.body.classList.contains("embedded")) { player.classList.remove("enhanced"); return; }
    var root = document.documentElement, marker = document.createElement("div");
    player.parentNode.insertBefore(marker, player);
    function pad() { root.style.scrollPaddingTop = (player.offsetHeight + 8) + "px"; }
    pad();
    if ("ResizeObserver" in window) new ResizeObserver(pad).observe(player);
    document.addEventListener("keydown", function (event) { pageBelowBar(event, player); });
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        player.classList.toggle("stuck", !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0);
      }).observe(marker);
    }
  }

  // Paging (PageDown, PageUp, Space on the page itself) as a reader expects under a sticky bar: the
  // line cut by the window's bottom edge becomes the first line below the bar, and back again; the
  // browser's own step ignores the bar, so a line would end half under it.
  function pageBelowBar(event, player) {
    var t = event.target, key = event.key, down = key === "PageDown" || (key === " " && !event.shiftKey);
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if ((t !== document.body && t !== document.documentElement) || (!down && key !== "PageUp" && key !== " ")) return;
    var bar = player.offsetHeight, height = window.innerHeight, step = height - bar - 24;
    var line = lineAt(down ? height - 2 : bar + 2), delta = down ? step : -step;
    if (line && down && line.top - bar - 4 > step / 3) delta = line.top - bar - 4;
    if (line && !down && height - line.bottom - 4 > step / 3) delta = line.bottom + 4 - height;
    event.preventDefault();
    window.scrollBy({ top: delta, behavior: "instant" });
    var edge = player.getBoundingClientRect().bottom, cut = lineAt(edge);  // a line still cut by the bar
    if (cut) window.scrollBy({ top: cut.top - edge - 4, behavior: "instant" });  // comes out below it
  }

  // The box of the transcript's line (a sentence's or a heading's) that the height y cuts, or null.
  function lineAt(y) {
    var lines = document.querySelectorAll("#transcript-text .cue, #transcript-text h3");
    for (var i = 0; i < lines.length; i++) {
      var rects = lines[i].getClientRects();
      for (var j = 0; j < rects.length; j++) if (rects[j].top < y - 0.5 && rects[j].bottom > y + 0.5) return rects[j];
    }
    return null;
  }

  // "Copy link to this moment": the page's address with #t= the current second, which the page
  // honours on load. Where the clipboard is refused, the link is shown selected to copy by hand.
  function setupShare(audio) {
    var button = $("share"), field = $("share-url");
    if (!button) return;
    button.addEventListener("click", function () {
      var t = Math.floor(audio.currentTime);
      copyShown(field, window.location.href.split("#")[0] + "#t=" + t, tr("Link to %s copied", spoken(t)), "link");
    });
  }

  // The show page: each episode's Play button plays it in place; starting one pauses the others.
  function setupCards() {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".card-player"));
    var players = cards.map(function (card) { return card.querySelector("audio"); });
    cards.forEach(function (card, i) {
      var audio = players[i], button = card.querySelector(".card-play"), label = button.querySelector(".label");
      var time = card.querySelector(".card-time");
      audio.removeAttribute("controls");
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!audio.paused) { audio.pause(); return; }
        players.forEach(function (other) { if (other !== audio) other.pause(); });
        audio.play();
      });
      function set(playing) { label.textContent = playing ? tr("Pause") : tr("Play"); button.classList.toggle("playing", playing); }
      audio.addEventListener("play", function () { set(true); announce(tr("Playing")); });
      audio.addEventListener("pause", function () { set(false); if (!audio.ended) announce(tr("Paused")); });
      audio.addEventListener("ended", function () { set(false); });
      audio.addEventListener("timeupdate", function () { time.textContent = clock(audio.currentTime) + " / " + clock(audio.duration); });
    });
  }

  function start() { setupPlayer(); setupCopy(); setupCards(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
