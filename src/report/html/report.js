// mteval report: the segment browser. Reads the JSON blob of the page (no request of
// any kind), filters (search, system, score range), sorts by a metric's score, shows one
// page of rows at a time (so 20 systems x 2,000 segments stay responsive) and diffs
// each shown output against the first reference, word by word. Texts go into the page
// with textContent only. Filters come from the URL fragment too:
// #system=NAME&metric=chrF2&q=TEXT&sort=worst|best|index&min=X&max=Y&page=N&ts=TESTSET
(function () {
  "use strict";
  var started = performance.now();
  var PAGE = 50;
  var blob = document.getElementById("mteval-data");
  var data = blob ? JSON.parse(blob.textContent) : { testsets: [] };

  // Words are split at whitespace only: combining marks, ZWJ and ZWNJ are not
  // whitespace, so a Bengali or Devanagari grapheme cluster is never cut. Tokens are
  // compared in NFC so that differently composed spellings of one word match.
  function words(s) {
    return s.split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  // Longest common subsequence of two word lists: which words of each are kept.
  function diff(ref, hyp) {
    var a = ref.map(function (w) { return w.normalize("NFC"); });
    var b = hyp.map(function (w) { return w.normalize("NFC"); });
    var n = a.length, m = b.length, w = m + 1;
    if (n * m > 1000000) return null;
    var dp = new Uint32Array((n + 1) * (m + 1));
    for (var i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1] + 1
          : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
      }
    }
    var keptRef = new Array(n).fill(false), keptHyp = new Array(m).fill(false);
    i = 0; j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { keptRef[i] = true; keptHyp[j] = true; i++; j++; }
      else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
      else j++;
    }
    return { ref: keptRef, hyp: keptHyp };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    // Segment text may be right-to-left (Arabic, Hebrew, Urdu): each cell finds its own
    // direction.
    if (cls && cls.indexOf("text") === 0) e.dir = "auto";
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // `list` of words into `cell`, the words not kept wrapped in `tag`.
  function fill(cell, list, kept, tag) {
    list.forEach(function (w, k) {
      if (k > 0) cell.appendChild(document.createTextNode(" "));
      if (kept && !kept[k]) cell.appendChild(el(tag, null, w));
      else cell.appendChild(document.createTextNode(w));
    });
  }

  function fixed(x, w) {
    return typeof x === "number" ? x.toFixed(w) : "";
  }

  function Browser(root, ts) {
    this.root = root;
    this.ts = ts;
    this.q = root.querySelector("input.q");
    this.sys = root.querySelector("select.sys");
    this.metric = root.querySelector("select.metric");
    this.min = root.querySelector("input.min");
    this.max = root.querySelector("input.max");
    this.sort = root.querySelector("select.sort");
    this.body = root.querySelector("table.segments tbody");
    this.status = root.querySelector(".status");
    this.info = root.querySelector(".pageinfo");
    this.page = 0;
    this.rows = [];
    this.lower = null;
    var self = this, timer = null;
    var again = function () { self.page = 0; self.update(true); };
    this.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(again, 150);
    });
    [this.sys, this.metric, this.sort, this.min, this.max].forEach(function (c) {
      c.addEventListener("change", again);
    });
    root.querySelector(".prev").addEventListener("click", function () {
      if (self.page > 0) { self.page--; self.show(true); }
    });
    root.querySelector(".next").addEventListener("click", function () {
      if ((self.page + 1) * PAGE < self.rows.length) { self.page++; self.show(true); }
    });
  }

  // Lower-cased texts for the search, built on the first search only.
  Browser.prototype.lowered = function () {
    if (this.lower) return this.lower;
    var ts = this.ts, low = function (s) { return s.toLowerCase(); };
    this.lower = {
      seg: ts.refs[0].map(function (_, i) {
        var parts = ts.refs.map(function (r) { return r[i]; });
        if (ts.src) parts.push(ts.src[i]);
        return low(parts.join("\n"));
      }),
      hyps: ts.hyps.map(function (h) { return h.map(low); })
    };
    return this.lower;
  };

  // Recomputes the filtered, sorted rows: each row is segment * systems + system.
  Browser.prototype.update = function (write) {
    var ts = this.ts, nsys = ts.systems.length, nseg = ts.refs.length ? ts.refs[0].length : 0;
    var k = Math.max(0, this.metric.selectedIndex);
    var want = this.sys.value;
    var sysIdx = want === "" ? -1 : ts.systems.indexOf(want);
    var q = this.q.value.trim().toLowerCase();
    var lo = this.min.value === "" ? -Infinity : Number(this.min.value);
    var hi = this.max.value === "" ? Infinity : Number(this.max.value);
    var low = q ? this.lowered() : null;
    var rows = [];
    if (!(want !== "" && sysIdx < 0)) {
      for (var i = 0; i < nseg; i++) {
        var segHit = q ? low.seg[i].indexOf(q) >= 0 : true;
        for (var s = 0; s < nsys; s++) {
          if (sysIdx >= 0 && s !== sysIdx) continue;
          if (q && !segHit && low.hyps[s][i].indexOf(q) < 0) continue;
          var sc = ts.scores[s][k] ? ts.scores[s][k][i] : null;
          if ((lo > -Infinity || hi < Infinity) && !(sc >= lo && sc <= hi)) continue;
          rows.push(i * nsys + s);
        }
      }
    }
    var order = this.sort.value;
    if (order !== "index" && ts.metrics[k]) {
      // "worst" is the low end for a higher-is-better metric, the high end for TER.
      var sign = (order === "worst") !== ts.metrics[k].lower ? 1 : -1;
      rows.sort(function (x, y) {
        var a = ts.scores[x % nsys][k][(x / nsys) | 0], b = ts.scores[y % nsys][k][(y / nsys) | 0];
        return sign * (a - b) || x - y;
      });
    }
    this.rows = rows;
    this.missing = want !== "" && sysIdx < 0 ? want : null;
    this.show(write);
  };

  Browser.prototype.show = function (write) {
    var ts = this.ts, nsys = ts.systems.length, w = ts.width;
    var k = Math.max(0, this.metric.selectedIndex);
    var pages = Math.max(1, Math.ceil(this.rows.length / PAGE));
    if (this.page >= pages) this.page = pages - 1;
    var start = this.page * PAGE, end = Math.min(this.rows.length, start + PAGE);
    var frag = document.createDocumentFragment();
    for (var r = start; r < end; r++) {
      var i = (this.rows[r] / nsys) | 0, s = this.rows[r] % nsys;
      var tr = el("tr", "seg");
      tr.setAttribute("data-seg", String(i + 1));
      tr.setAttribute("data-system", ts.systems[s]);
      tr.appendChild(el("td", "num", String(i + 1)));
      tr.appendChild(el("td", "sys", ts.systems[s]));
      var sc = el("td", "num");
      ts.metrics.forEach(function (m, j) {
        var line = el("div", j === k ? "s" : "ci", m.name + " " + fixed(ts.scores[s][j][i], w));
        sc.appendChild(line);
      });
      tr.appendChild(sc);
      var src = el("td", "text alt", ts.src ? ts.src[i] : "");
      if (ts.src_lang) src.lang = ts.src_lang;
      tr.appendChild(src);
      var ref = ts.refs[0][i], hyp = ts.hyps[s][i];
      var rw = words(ref), hw = words(hyp), d = diff(rw, hw);
      var refCell = el("td", "text ref"), hypCell = el("td", "text hyp");
      fill(refCell, rw, d && d.ref, "del");
      fill(hypCell, hw, d && d.hyp, "ins");
      for (var x = 1; x < ts.refs.length; x++) {
        refCell.appendChild(el("div", "alt", ts.refs[x][i]));
      }
      if (ts.tgt_lang) { refCell.lang = ts.tgt_lang; hypCell.lang = ts.tgt_lang; }
      tr.appendChild(refCell);
      tr.appendChild(hypCell);
      frag.appendChild(tr);
    }
    this.body.textContent = "";
    this.body.appendChild(frag);
    var total = ts.refs.length ? ts.refs[0].length * nsys : 0;
    this.status.textContent = this.missing
      ? "No system named \u201c" + this.missing + "\u201d in this test set."
      : this.rows.length + " of " + total + " rows (segment \u00d7 system) match.";
    this.info.textContent = "page " + (this.page + 1) + " of " + pages;
    if (write) this.write();
  };

  // The filter state into the URL fragment, so a view can be shared as a link.
  Browser.prototype.write = function () {
    var p = new URLSearchParams();
    p.set("ts", this.ts.name);
    if (this.sys.value) p.set("system", this.sys.value);
    p.set("metric", this.metric.value);
    if (this.q.value) p.set("q", this.q.value);
    if (this.sort.value !== "index") p.set("sort", this.sort.value);
    if (this.min.value) p.set("min", this.min.value);
    if (this.max.value) p.set("max", this.max.value);
    if (this.page) p.set("page", String(this.page + 1));
    history.replaceState(null, "", "#" + p.toString());
  };

  // The URL fragment's filters into the controls (all test sets, or the one named ts=).
  Browser.prototype.apply = function (p) {
    if (p.has("ts") && p.get("ts") !== this.ts.name) return false;
    var known = ["system", "metric", "q", "sort", "min", "max", "page"].some(function (k) { return p.has(k); });
    if (!known) return false;
    var sys = p.get("system") || "";
    if (sys && !Array.prototype.some.call(this.sys.options, function (o) { return o.value === sys; })) {
      // Keep an unknown name visible (the status line says it matches nothing).
      var o = el("option", null, sys);
      o.value = sys;
      this.sys.appendChild(o);
    }
    this.sys.value = sys;
    if (p.has("metric")) this.metric.value = p.get("metric");
    if (this.metric.selectedIndex < 0) this.metric.selectedIndex = 0;
    this.q.value = p.get("q") || "";
    this.sort.value = p.get("sort") || "index";
    if (this.sort.selectedIndex < 0) this.sort.value = "index";
    this.min.value = p.get("min") || "";
    this.max.value = p.get("max") || "";
    this.page = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
    return true;
  };

  var browsers = [];
  document.querySelectorAll(".browser").forEach(function (root) {
    var ts = data.testsets[Number(root.getAttribute("data-ts"))];
    if (ts) browsers.push(new Browser(root, ts));
  });
  function fromHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    browsers.forEach(function (b) {
      b.apply(p);
      b.update(false);
    });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // Time to first render, for measurement (read back from the DOM by the tests):
  // since navigation start (parsing the page included), and in this script alone
  // (parsing the data, filtering, the first page of rows and their diffs).
  var now = performance.now();
  var ms = now.toFixed(1), script = (now - started).toFixed(1);
  document.documentElement.setAttribute("data-render-ms", ms);
  document.documentElement.setAttribute("data-script-ms", script);
  var mark = document.getElementById("render-ms");
  if (mark) mark.textContent = "Rendered in " + ms + " ms (script " + script + " ms).";
})();
