// measure.js — for tests/t0470-html-phone.sh: the wrapper page
// (tests/t0470) holds each generated HTML page in an iframe of a given
// width; this writes, per frame, one line into <pre id="result">:
//   NAME WIDTH client=C scroll=S lowcontrast=N first=TEXT
// scroll > client means the page scrolls sideways; lowcontrast counts
// elements with text whose colour has less than 4.5:1 (WCAG 2) against
// the background behind it.
function lum(c) {
  var m = c.match(/\d+(\.\d+)?/g).map(Number);
  var f = function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
}
function background(w, e) {
  for (; e && e.nodeType === 1; e = e.parentElement) {
    var b = w.getComputedStyle(e).backgroundColor;
    if (b && b !== "transparent" && !/rgba\(.*,\s*0\)$/.test(b)) return b;
  }
  return "rgb(255, 255, 255)";
}
function measure(f) {
  var w = f.contentWindow, d = f.contentDocument, low = 0, first = "";
  d.querySelectorAll("body *").forEach(function (e) {
    var own = "";
    e.childNodes.forEach(function (n) { if (n.nodeType === 3) own += n.nodeValue; });
    if (!own.trim() || e.getClientRects().length === 0) return;
    var a = lum(w.getComputedStyle(e).color), b = lum(background(w, e));
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) { low++; if (!first) first = e.tagName + ":" + ratio.toFixed(2) + ":" + own.trim().slice(0, 30); }
  });
  return f.getAttribute("data-name") + " " + f.width + " client=" + d.documentElement.clientWidth +
    " scroll=" + d.documentElement.scrollWidth + " lowcontrast=" + low + " first=" + first;
}
window.onload = function () {
  var out = [];
  document.querySelectorAll("iframe").forEach(function (f) { out.push(measure(f)); });
  document.getElementById("result").textContent = "\n" + out.join("\n") + "\n";
};
