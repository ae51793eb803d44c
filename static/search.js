// Bantin search: reads the index written at build time and shows matches as you type.
// No library, no request to another origin; the page's form still works without it.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list || !window.fetch) return;

  var MAX = 50;
  var entries = null;

  // The same folding as the index: lower case, no diacritics, đ → d, words of letters and digits.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function load() {
    if (!entries) {
      entries = fetch(form.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return entries;
  }

  // Every word must occur; a title or organization match and the whole phrase rank higher.
  // Ties keep the index order, which is newest article first.
  function search(all, words) {
    var phrase = " " + words.join(" ");
    var hits = [];
    all.forEach(function (e, i) {
      var text = " " + e.x;
      var title = " " + fold(e.t).join(" ");
      var orgs = " " + fold(e.o || "").join(" ");
      var score = 0;
      for (var w = 0; w < words.length; w++) {
        var word = words[w];
        if (text.indexOf(word) < 0) return;
        score += 1;
        if (title.indexOf(" " + word) >= 0) score += 3;
        if (orgs.indexOf(" " + word) >= 0) score += 2;
      }
      if (words.length > 1 && title.indexOf(phrase) >= 0) score += 6;
      if (words.length > 1 && text.indexOf(phrase) >= 0) score += 2;
      hits.push({ e: e, score: score, i: i });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    return hits;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(query) {
    var words = fold(query);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    load().then(function (all) {
      if (fold(input.value).join(" ") !== words.join(" ")) return;  // a newer query is on its way
      var hits = search(all, words);
      status.textContent = hits.length
        ? form.getAttribute("data-count").replace("{n}", hits.length)
        : form.getAttribute("data-none");
      hits.slice(0, MAX).forEach(function (hit) {
        var e = hit.e;
        var item = element("li", "search-result");
        var heading = element("h2", "card-title");
        var link = element("a", null, e.t);
        link.href = e.u;
        heading.appendChild(link);
        item.appendChild(heading);
        var meta = [e.k, e.o, e.d].filter(Boolean).join(" · ");
        if (meta) item.appendChild(element("p", "meta", meta));
        if (e.s) item.appendChild(element("p", "summary", e.s));
        list.appendChild(item);
      });
    }).catch(function () {
      status.textContent = form.getAttribute("data-error");
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      show(input.value);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });

  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) { input.value = initial; show(initial); }
})();
