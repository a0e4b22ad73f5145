// A little progressive enhancement: "/" focuses the search box; Escape clears it.
(function () {
  var box = document.getElementById("q");
  if (!box) return;
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA");
    if (ev.key === "/" && !typing) { ev.preventDefault(); box.focus(); box.select(); }
    if (ev.key === "Escape" && ev.target === box) { box.value = ""; }
  });
})();
