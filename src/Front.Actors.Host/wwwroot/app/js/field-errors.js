// Problem details shown where they belong: each reason next to the field it names, the rest at the top of the form.
export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) {
    el.textContent = '';
    el.hidden = true;
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** messages: { field: text }. A field without its own slot shows in the form's general slot. */
export function showErrors(form, messages) {
  let focused = false;
  for (const [field, text] of Object.entries(messages)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ?? form.querySelector('[data-error-for="_form"]');
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
    slot.hidden = false;
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      if (!focused) { input.focus(); focused = true; }
    }
  }
}
