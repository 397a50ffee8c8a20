// What every signed-in page does first: its texts, the language and sign-out buttons, who is signed in, and the bar of
// pages they may open. A session that is gone sends the person to sign in (and back here afterwards).
import { api, ApiError, toSignIn } from './api.js';
import { applyTexts, refusal, t, wireLanguageButton } from './i18n.js';
import { renderNav } from './nav.js';

const $ = (id) => document.getElementById(id);

/** Resolves to /api/v1/web/me, or null when the server cannot be reached (the page says so). */
export async function startPage(area) {
  applyTexts();
  wireLanguageButton($('language'));
  $('sign-out')?.addEventListener('click', signOut);
  let me;
  try {
    me = await api('GET', '/api/v1/web/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) { toSignIn(); return null; }
    return null;
  }
  const show = () => {
    $('who').textContent = t('inbox.signedInAs', { name: me.displayName ?? me.userName });
    renderNav($('areas'), me, area);
  };
  show();
  document.addEventListener('front:lang', show);
  return me;
}

export async function signOut() {
  try { await api('POST', '/api/v1/web/sign-out'); } catch { /* the cookie is cleared by the next sign-in anyway */ }
  location.assign('/app/sign-in?signedOut=1');
}

/** The reason to show for a failed call: the problem's reasons, or a plain sentence. */
export function reasonOf(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  if (error.status === 401) { toSignIn(); return ''; }
  if (error.status === 403 && !Object.keys(error.fields).length) return t('error.forbidden');
  const reasons = Object.values(error.fields).flat();
  // Known reasons in the page's language (as text: showApiErrors also marks the rest as English).
  return reasons.length ? reasons.map((r) => refusal(r).text).join(' ') : t('error.unexpected', { status: error.status });
}

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

/** Gives each cell its column's heading (data-label), so a table can show as labelled cards on a phone. */
export function labelCells(tbody) {
  const headings = [...tbody.closest('table').querySelectorAll('thead th')].map((th) => th.textContent.trim());
  for (const row of tbody.rows) [...row.cells].forEach((cell, i) => { cell.dataset.label = headings[i] ?? ''; });
}

/**
 * A button that acts on the second press (within a few seconds), for what cannot be undone. With a label (what it acts
 * on, for a screen reader in a table row), the label says which press is next too.
 */
export function twoStep(text, confirmText, action, describedBy, label) {
  const button = el('button', { type: 'button', class: 'danger', text, 'aria-describedby': describedBy, 'aria-label': label });
  let armed = null;
  const show = (now) => {
    button.textContent = now;
    if (label) button.setAttribute('aria-label', now === text ? label : `${confirmText}: ${label}`);
  };
  button.addEventListener('click', () => {
    if (!armed) {
      show(confirmText);
      armed = setTimeout(() => { armed = null; show(text); }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    action();
  });
  return button;
}
