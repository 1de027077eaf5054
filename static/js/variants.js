// Progressive enhancement of the variant picker (templates/catalogue/includes/variant_picker.html).
// Without this script the picker is a GET form that loads ?variant=<id>. With it, choosing an
// option fetches that same URL and swaps the gallery and summary in place, keeping the URL
// shareable (history.replaceState). Any failure falls back to loading the page.
(function () {
  "use strict";

  function swap(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html");
    document.querySelectorAll("[data-variant-swap]").forEach(function (region) {
      const replacement = fresh.querySelector('[data-variant-swap="' + region.dataset.variantSwap + '"]');
      if (replacement) region.replaceWith(replacement);
    });
  }

  function enhance(form) {
    const select = form.querySelector("select");
    const show = form.querySelector("[data-variant-show]");
    if (!select) return;
    if (show) show.hidden = true;
    select.addEventListener("change", function () {
      const url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
      fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          swap(html);
          history.replaceState(null, "", url);
          const picker = document.querySelector("[data-variant-picker]");
          if (picker) {
            enhance(picker);
            const again = picker.querySelector("select");
            if (again) again.focus();
          }
        })
        .catch(function () {
          window.location.assign(url);
        });
    });
  }

  document.querySelectorAll("[data-variant-picker]").forEach(enhance);
})();
