// Texts per language: bokmål unless the person chose English (kept in localStorage, so every tab and node agrees).
import nb from './texts/nb.js';
import en from './texts/en.js';
import refusals from './texts/refusals.js';

const key = 'front.lang';
const texts = { nb, en };

export function lang() {
  return localStorage.getItem(key) === 'en' ? 'en' : 'nb';
}

export function t(name, vars = {}) {
  const text = texts[lang()][name] ?? nb[name] ?? name;
  return text.replace(/\{(\w+)\}/g, (_, v) => (v in vars ? String(vars[v]) : `{${v}}`));
}

/** A field of the API's problem details by its name on the page ('window.from', 'to[2]' → the name of 'to'); the field itself when unknown. */
export function fieldName(field) {
  const key = `field.${field}`;
  if (texts[lang()][key] ?? nb[key]) return t(key);
  const base = field.replace(/\[\d+\]$/, '');
  return base !== field ? fieldName(base) : field;
}

/**
 * A refusal reason from the API in the page's language: { text, lang }. In Norwegian a known reason (texts/refusals.js)
 * gets its bokmål wording; any other stays as the API wrote it, in English, and says so (lang 'en'), so a screen
 * reader reads it as English.
 */
export function refusal(reason) {
  if (lang() === 'en') return { text: reason, lang: 'en' };
  for (const [pattern, key] of refusals) {
    const found = pattern.exec(reason);
    if (found && nb[key]) return { text: t(key, found.groups ?? {}), lang: 'nb' };
  }
  return { text: reason, lang: 'en' };
}

/** Fills every element marked data-i18n (text) or data-i18n-<attribute> (that attribute) under root. */
export function applyTexts(root = document) {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'nb';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
  if (document.body.dataset.title) document.title = `${t(document.body.dataset.title)} – Front`;
}

/** The language button, named in the language it switches to (and marked so, for screen readers): toggles, re-applies texts and tells live widgets to render again. */
export function wireLanguageButton(button) {
  const mark = () => { button.lang = lang() === 'en' ? 'nb' : 'en'; };
  mark();
  button.addEventListener('click', () => {
    localStorage.setItem(key, lang() === 'en' ? 'nb' : 'en');
    applyTexts();
    mark();
    document.dispatchEvent(new CustomEvent('front:lang'));
  });
}
