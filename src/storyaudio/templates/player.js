// storyaudio player: progressive enhancement of the native <audio controls>.
// No page-wide shortcuts; every control is a native element with a proper name.
(function () {
  "use strict";

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

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

  function setupCopy() {
    var button = $("copy-feed"), field = $("feed-url");
    if (!button || !field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        announce("Feed address copied");
      }, function () { field.select(); announce("Select the address and copy it"); });
    });
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
    var toggle = $("highlight-words"), key = "storyaudio.highlightWords", lit = null, frame = 0;
    var enabled = true;
    try { enabled = window.localStorage.getItem(key) !== "off"; } catch (e) { /* storage blocked */ }
    if (toggle) {
      toggle.checked = enabled;
      toggle.addEventListener("change", function () {
        enabled = toggle.checked;
        try { window.localStorage.setItem(key, enabled ? "on" : "off"); } catch (e) { /* storage blocked */ }
        show(audio.currentTime);
      });
    }

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
    }

    function tick() {
      show(audio.currentTime);
      frame = audio.paused || audio.ended ? 0 : window.requestAnimationFrame(tick);
    }

    return {
      show: show,
      follow: function () { if (count && !frame) frame = window.requestAnimationFrame(tick); }
    };
  }

  function setupPlayer() {
    var audio = $("audio"), bar = $("controls");
    if (!audio || !bar) return;
    var player = audio.closest(".player");
    var duration = parseFloat(player.getAttribute("data-duration")) || 0;
    var play = $("play"), playLabel = $("play-label"), seek = $("seek");
    var current = $("current"), total = $("total"), mute = $("mute"), volume = $("volume");
    var speed = $("speed"), follow = $("follow"), followWrap = $("follow-wrap");
    var cues = Array.prototype.slice.call(document.querySelectorAll(".cue"));
    var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapter"));
    var starts = cues.map(function (c) { return parseInt(c.getAttribute("data-start"), 10) / 1000; });
    var chapterStarts = chapters.map(function (c) { return parseInt(c.getAttribute("data-start"), 10) / 1000; });
    var activeCue = null, activeChapter = null, reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    var words = setupWords(audio), captions = $("captions");
    if (captions) captions.hidden = false;

    audio.removeAttribute("controls");
    bar.hidden = false;
    if (followWrap) followWrap.hidden = false;
    if (follow) follow.addEventListener("change", function () {
      if (follow.checked && activeCue) scrollToCue(activeCue);
    });

    function length() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration; }

    // The slider's words change at most every VALUE_TEXT_EVERY seconds while playing (some screen
    // readers speak every change while it has focus), and at once on a seek.
    var VALUE_TEXT_EVERY = 10, toldAt = -Infinity;

    function render() {
      var t = audio.currentTime, d = length();
      seek.max = String(Math.ceil(d));
      seek.value = String(Math.floor(t));
      if (audio.paused || Math.abs(t - toldAt) >= VALUE_TEXT_EVERY) {
        seek.setAttribute("aria-valuetext", spoken(t) + " of " + spoken(d));
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
          if (follow && follow.checked) scrollToCue(cue);
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
      var transcript = $("transcript");
      // Never pull the page away from someone reading or working inside the transcript.
      if (transcript && (transcript.contains(document.activeElement) || transcript.matches(":hover"))) return;
      cue.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }

    function jump(seconds) {
      audio.currentTime = Math.min(Math.max(0, seconds), length());
      toldAt = -Infinity;
      render();
    }

    function setPlaying(playing) {
      playLabel.textContent = playing ? "Pause" : "Play";
      play.classList.toggle("playing", playing);
    }

    play.addEventListener("click", function () {
      if (audio.paused) { audio.play(); } else { audio.pause(); }
    });
    audio.addEventListener("play", function () { setPlaying(true); words.follow(); announce("Playing"); });
    audio.addEventListener("pause", function () { setPlaying(false); if (!audio.ended) announce("Paused"); });
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
      announce("Playback speed " + speed.value + "×");
    });
    chapters.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        jump(chapterStarts[i]);
        announce("Chapter: " + link.textContent);
      });
    });
    cues.forEach(function (cue, i) {
      cue.addEventListener("click", function (event) {
        event.preventDefault();
        jump(starts[i]);
      });
    });
    render();
  }

  function start() { setupPlayer(); setupCopy(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
