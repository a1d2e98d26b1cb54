// Fund proposals: add a row to a formset (budget lines, activities). The page works without it:
// the form always shows three empty rows.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-add-row]").forEach((button) => {
    const prefix = button.dataset.addRow;
    const table = document.querySelector(`[data-formset="${prefix}"] tbody`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    if (!table || !total) return;
    button.classList.remove("d-none");
    button.addEventListener("click", () => {
      const rows = table.querySelectorAll(".formset-row");
      const last = rows[rows.length - 1];
      const index = Number(total.value);
      const clone = last.cloneNode(true);
      clone.querySelectorAll("input, select, textarea, label, div").forEach((el) => {
        ["name", "id", "for"].forEach((attr) => {
          const value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(/-\d+-/, `-${index}-`));
        });
        if (el.matches("input, textarea")) el.value = "";
      });
      clone.querySelectorAll(".invalid-feedback").forEach((el) => el.remove());
      table.appendChild(clone);
      total.value = index + 1;
    });
  });
});
