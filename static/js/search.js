// Autocomplete for the header search box (#site-search), as a progressive enhancement:
// without this file, or when /search/suggest/ fails, the box is a plain search form.
// The list follows the ARIA combobox pattern: arrows move, Enter opens, Escape closes.
(function () {
    "use strict";

    var input = document.getElementById("site-search");
    if (!input || !input.form || !input.dataset.suggestUrl || !window.fetch || !window.AbortController) {
        return;
    }

    var MIN_LENGTH = 2;
    var DELAY_MS = 150;
    var form = input.form;
    var listId = "site-search-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var timer = null;
    var controller = null;
    var options = [];
    var active = -1;

    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested products");
    list.hidden = true;
    // Enough layout to work before any stylesheet rule targets .search-suggestions.
    Object.assign(list.style, {
        position: "absolute",
        top: "100%",
        left: "0",
        right: "0",
        zIndex: "20",
        margin: "0.25rem 0 0",
        padding: "0.25rem 0",
        listStyle: "none",
        background: "#fff",
        border: "1px solid #dfe2e8",
        borderRadius: "10px",
        boxShadow: "0 8px 24px rgba(29, 35, 48, 0.12)",
        maxHeight: "24rem",
        overflowY: "auto",
    });
    status.className = "sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
        list.hidden = true;
        list.replaceChildren();
        options = [];
        active = -1;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        status.textContent = "";
    }

    function highlight(index) {
        options.forEach(function (option, position) {
            var selected = position === index;
            option.element.setAttribute("aria-selected", selected ? "true" : "false");
            option.element.style.background = selected ? "#f4f5f7" : "";
        });
        active = index;
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", options[index].element.id);
            options[index].element.scrollIntoView({ block: "nearest" });
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function option(product, index) {
        // Text goes in through textContent only: titles are shop data, never markup.
        var item = document.createElement("li");
        var link = document.createElement("a");
        var title = document.createElement("span");
        var price = document.createElement("span");

        item.id = listId + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        link.href = product.url;
        link.tabIndex = -1;
        Object.assign(link.style, {
            display: "flex",
            alignItems: "center",
            gap: "0.75rem",
            padding: "0.4rem 0.75rem",
            color: "inherit",
            textDecoration: "none",
        });
        if (product.thumbnail) {
            var image = document.createElement("img");
            image.src = product.thumbnail;
            image.alt = "";
            image.width = 48;
            image.height = 48;
            image.style.borderRadius = "6px";
            link.appendChild(image);
        }
        title.textContent = product.title;
        title.style.flex = "1";
        price.textContent = product.price_display;
        price.style.fontWeight = "700";
        link.appendChild(title);
        link.appendChild(price);
        item.appendChild(link);
        item.addEventListener("mousemove", function () {
            highlight(index);
        });
        return { element: item, url: product.url };
    }

    function render(products) {
        list.replaceChildren();
        options = products.map(option);
        options.forEach(function (entry) {
            list.appendChild(entry.element);
        });
        active = -1;
        list.hidden = options.length === 0;
        input.setAttribute("aria-expanded", options.length ? "true" : "false");
        status.textContent = options.length
            ? options.length + (options.length === 1 ? " suggestion" : " suggestions") + ", use the arrow keys to choose"
            : "";
    }

    function suggest(query) {
        if (controller) {
            controller.abort();
        }
        controller = new AbortController();
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("suggest answered " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                // A slow answer for an older query must not replace a newer one.
                if (input.value.trim() === query) {
                    render(data.products || []);
                }
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    close();
                }
            });
    }

    input.addEventListener("input", function () {
        var query = input.value.trim();
        window.clearTimeout(timer);
        if (query.length < MIN_LENGTH) {
            if (controller) {
                controller.abort();
            }
            close();
            return;
        }
        timer = window.setTimeout(function () {
            suggest(query);
        }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
        if (list.hidden) {
            return;
        }
        if (event.key === "ArrowDown") {
            event.preventDefault();
            highlight(active + 1 >= options.length ? 0 : active + 1);
        } else if (event.key === "ArrowUp") {
            event.preventDefault();
            highlight(active <= 0 ? options.length - 1 : active - 1);
        } else if (event.key === "Enter" && active >= 0) {
            // With no suggestion chosen, Enter submits the form as usual.
            event.preventDefault();
            window.location.assign(options[active].url);
        } else if (event.key === "Escape") {
            close();
        }
    });

    // Keep focus in the box while a suggestion is clicked, so the click lands.
    list.addEventListener("mousedown", function (event) {
        event.preventDefault();
    });
    input.addEventListener("blur", close);
    form.addEventListener("submit", close);
})();
