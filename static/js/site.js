// Progressive enhancement only: every flow works without this file.
(function () {
    "use strict";
    document.documentElement.classList.replace("no-js", "js");

    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = nav.classList.toggle("is-open");
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        });
    }
})();
