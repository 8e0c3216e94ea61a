// A button marked data-print prints the page (inline handlers are refused by the content security policy).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
