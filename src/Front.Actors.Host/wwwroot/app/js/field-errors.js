// Problem details shown where they belong: each reason next to the field it names, the rest at the top of the form.
// Reasons from the API are shown in the page's language where known (i18n.refusal); the rest in English, marked so.
import { ApiError } from './api.js';
import { fieldName, refusal } from './i18n.js';

export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) {
    el.replaceChildren();
    el.hidden = true;
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * messages: { field: text }, where text is a string in the page's language, or a { text, lang } part, or a list of
 * parts. A field without its own slot shows in the form's general slot.
 */
export function showErrors(form, messages) {
  let focused = false;
  for (const [field, message] of Object.entries(messages)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ?? form.querySelector('[data-error-for="_form"]');
    for (const part of [message].flat()) {
      const piece = typeof part === 'string' ? { text: part } : part;
      if (slot.childNodes.length) slot.append(' ');
      if (piece.lang && piece.lang !== document.documentElement.lang) {
        const span = document.createElement('span');
        span.lang = piece.lang;
        span.textContent = piece.text;
        slot.append(span);
      } else slot.append(piece.text);
    }
    slot.hidden = false;
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      if (!focused) { input.focus(); focused = true; }
    }
  }
}

/**
 * The parts to show for an API's field errors: { slot field: [parts] }. Each reason in the page's language where it is
 * known; a reason whose field has no slot of its own goes to the general slot, after the field's name.
 * <paramref name="slotFor"/> may send a field elsewhere (e.g. 'id' to '_form').
 */
export function apiFieldErrors(form, fields, slotFor = (field) => field) {
  const shown = {};
  for (const [field, reasons] of Object.entries(fields)) {
    let slot = slotFor(field);
    if (!form.querySelector(`[data-error-for="${CSS.escape(slot)}"]`)) slot = '_form';
    const named = slot === '_form' && field && field !== '_form' && field !== 'body';
    const parts = (shown[slot] ??= []);
    if (named) parts.push(`${fieldName(field)}:`);
    for (const reason of reasons) parts.push(refusal(reason));
  }
  return shown;
}

/** Shows what an API call refused: each field's reasons where they belong, or <paramref name="fallback"/> (the general reason). */
export function showApiErrors(form, error, fallback, slotFor) {
  if (error instanceof ApiError && Object.keys(error.fields).length && error.status !== 401) {
    return showErrors(form, apiFieldErrors(form, error.fields, slotFor));
  }
  return showErrors(form, { _form: fallback });
}
