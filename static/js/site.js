// Progressive enhancement only: every flow works without this file.
// Nothing here changes the size of anything on load (no layout shift): the header is laid
// out the same with "no-js" and "js", and the search panel opens only when asked.
(function () {
    "use strict";
    document.documentElement.classList.replace("no-js", "js");

    // The header's search link: without script it leads to the search page; with script,
    // on screens where the box is folded away, it opens the box in place instead.
    var toggle = document.querySelector("[data-search-toggle]");
    var panel = document.getElementById("site-search-panel");
    var input = document.getElementById("site-search");
    if (!toggle || !panel || !input) {
        return;
    }
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");

    function setOpen(open) {
        panel.classList.toggle("is-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function (event) {
        event.preventDefault();
        var open = !panel.classList.contains("is-open");
        setOpen(open);
        if (open) {
            input.focus();
        }
    });
    // A link with role="button" must answer the space bar too.
    toggle.addEventListener("keydown", function (event) {
        if (event.key === " ") {
            event.preventDefault();
            toggle.click();
        }
    });
    panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && panel.classList.contains("is-open") && !input.getAttribute("aria-activedescendant")) {
            setOpen(false);
            toggle.focus();
        }
    });
})();
