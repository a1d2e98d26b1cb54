// Small enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Auto-submit filter forms that ask for it.
  document.querySelectorAll("form[data-autosubmit] select").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });
});

// People (issue #10): a "print" button (no inline script under the CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
// Accessibility: a form that came back with errors puts the focus on the first
// field in error, so a screen reader reads its label and its message (tied by
// aria-describedby); error summaries are announced as alerts.
function focusFirstError(root) {
  root.querySelectorAll(".alert-danger:not([role])").forEach((el) => el.setAttribute("role", "alert"));
  const invalid = root.querySelector("main [aria-invalid='true'], main .is-invalid");
  if (invalid && typeof invalid.focus === "function") invalid.focus();
}
document.addEventListener("DOMContentLoaded", () => focusFirstError(document));
document.addEventListener("htmx:afterSwap", (event) => focusFirstError(event.detail.target.parentElement || document));
// A refused vote or entry answers 409 with the panel and its Thai message: show it (htmx skips 4xx by default).
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
