// "Add a row" for the repeated rows of a form (stops, guides): the last row is copied with the next index.
document.querySelectorAll("fieldset[data-rows]").forEach((fieldset) => {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = fieldset.dataset.addLabel;
  button.addEventListener("click", () => {
    const rows = fieldset.querySelectorAll(".row");
    const last = rows[rows.length - 1];
    const copy = last.cloneNode(true);
    const next = rows.length;
    copy.querySelectorAll("[name], [id], [for]").forEach((element) => {
      for (const attribute of ["name", "id", "for"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/-\d+-/, `-${next}-`));
      }
      if (element.matches("input")) element.value = "";
      if (element.matches("select")) element.selectedIndex = element.multiple ? -1 : 0;
    });
    copy.querySelectorAll(".errors").forEach((list) => list.remove());
    last.after(copy);
    copy.querySelector("input, select")?.focus();
  });
  fieldset.append(button);
});
