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
