// Meetings pages: small enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Warn before leaving the minutes draft with unsaved changes.
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => {
      dirty = true;
    });
    form.addEventListener("submit", () => {
      dirty = false;
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
      }
    });
  });
});
