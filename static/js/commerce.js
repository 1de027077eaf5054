// Cart, checkout and account enhancements. Every flow works without this file:
// the steppers are plain forms, the checkout summary is priced on the server.
(function () {
    "use strict";

    // After a failed submit, take the reader to the error summary first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }

    // ---- Cart: post the steppers, Update and Remove in place, keeping focus.
    function cartRoot() {
        return document.querySelector("[data-cart]");
    }

    function describe(form, submitter) {
        // Enough to find "the same control" again in the new cart.
        var id = form.querySelector("[name=product_id]");
        var index = Array.prototype.indexOf.call(form.parentNode.children, form);
        return {
            action: form.getAttribute("action"),
            product: id ? id.value : "",
            index: index,
            isInput: submitter && submitter.tagName === "INPUT",
        };
    }

    function refocus(root, wanted) {
        var forms = root.querySelectorAll("[data-cart-form]");
        for (var i = 0; i < forms.length; i++) {
            var form = forms[i];
            var id = form.querySelector("[name=product_id]");
            if (form.getAttribute("action") !== wanted.action || !id || id.value !== wanted.product) {
                continue;
            }
            if (Array.prototype.indexOf.call(form.parentNode.children, form) !== wanted.index) {
                continue;
            }
            var target = wanted.isInput ? form.querySelector("input[type=number]") : form.querySelector("button");
            if (target && !target.disabled) {
                target.focus();
                return;
            }
        }
        // The line is gone (removed): land on the cart heading instead.
        var heading = root.querySelector("h1");
        if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();
        }
    }

    function swapMessages(doc) {
        var main = document.querySelector("main");
        var old = main && main.querySelector(".messages");
        var fresh = doc.querySelector("main .messages");
        if (old) {
            old.remove();
        }
        if (main && fresh) {
            main.insertBefore(document.importNode(fresh, true), main.firstChild);
        }
    }

    function submitCartForm(form, submitter) {
        var root = cartRoot();
        var wanted = describe(form, submitter);
        root.setAttribute("aria-busy", "true");
        fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            headers: { Accept: "text/html" },
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("cart update failed: " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                var fresh = doc.querySelector("[data-cart]");
                if (!fresh) {
                    throw new Error("no cart in the response");
                }
                var replacement = document.importNode(fresh, true);
                root.replaceWith(replacement);
                swapMessages(doc);
                var count = doc.querySelector("[data-cart-count]");
                document.querySelectorAll("[data-cart-count]").forEach(function (badge) {
                    badge.textContent = count ? count.textContent : "0";
                });
                refocus(replacement, wanted);
            })
            .catch(function () {
                // Fall back to the plain form post.
                form.submit();
            });
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.matches || !form.matches("[data-cart-form]") || !window.fetch) {
            return;
        }
        event.preventDefault();
        submitCartForm(form, event.submitter);
    });

    // A changed quantity submits itself (Update stays for keyboard users who tab to it).
    document.addEventListener("change", function (event) {
        var input = event.target;
        if (input.matches && input.matches(".stepper__input") && input.form && input.checkValidity()) {
            submitCartForm(input.form, input);
        }
    });

    // ---- Checkout: the summary follows the chosen delivery method.
    var checkout = document.querySelector("[data-checkout-summary]");
    if (checkout) {
        var rates = checkout.querySelector("[data-summary-rates]");
        var show = function (code) {
            var rate = rates && rates.querySelector('[data-method="' + code + '"]');
            if (!rate) {
                return;
            }
            checkout.querySelector("[data-summary-shipping]").textContent = rate.dataset.shipping;
            checkout.querySelector("[data-summary-total]").textContent = rate.dataset.total;
            checkout.querySelector("[data-summary-method]").textContent = rate.dataset.label;
            var shippingTax = checkout.querySelector("[data-summary-shipping-tax]");
            if (shippingTax) {
                shippingTax.hidden = !rate.dataset.shippingTax;
                shippingTax.querySelector("[data-summary-shipping-tax-amount]").textContent =
                    rate.dataset.shippingTax;
            }
        };
        if (rates) {
            rates.hidden = true; // the live totals say it now
        }
        var checked = document.querySelector("input[name=shipping_method]:checked");
        if (checked) {
            show(checked.value);
        }
        document.addEventListener("change", function (event) {
            if (event.target.name === "shipping_method") {
                show(event.target.value);
            }
        });
    }
    // ---- Invoice: a Print button where script can call the browser's print dialog.
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
