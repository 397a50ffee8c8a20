// The agent inbox page: wires the list, the thread, the reply box and the live connection together. What is on
// screen follows the address (?tab=…&unread=1&c=…), so a reload, on any node, shows the same screen.
import { api, ApiError, toSignIn } from './api.js';
import { applyTexts, t, wireLanguageButton } from './i18n.js';
import { ConversationList, tabs } from './conversation-list.js';
import { ThreadView, messageOf } from './thread-view.js';
import { ReplyBox } from './reply-box.js';
import { InboxLive } from './inbox-live.js';
import { noteInbound } from './title-badge.js';
import { wireShortcuts } from './shortcuts.js';
import { clearErrors, showErrors } from './field-errors.js';

const $ = (id) => document.getElementById(id);
const conversations = new Map();
const readSince = new Set(); // read since the list was last ordered: they keep their place until the tab changes or a message arrives
let me = null;
let view = readView();

const list = new ConversationList({
  list: $('conversations'),
  empty: $('empty'),
  tabLinks: Object.fromEntries(tabs.map((n) => [n, document.querySelector(`[data-tab="${n}"]`)])),
  counts: Object.fromEntries(tabs.map((n) => [n, document.querySelector(`[data-count="${n}"]`)])),
});
const thread = new ThreadView({ list: $('messages'), heading: $('thread-heading'), meta: $('thread-meta') });
const reply = new ReplyBox({ form: $('reply-form'), textarea: $('reply-text'), counter: $('reply-counter'), onSend: send });
const live = new InboxLive({ onUpdate: applyUpdate, onState: showConnection, onSignedOut: toSignIn });
window.frontInbox = { live }; // for the browser tests (dropping the connection) and for support in the console

applyTexts();
wireLanguageButton($('language'));
document.addEventListener('front:lang', () => { render(); if (view.selected) openThread(view.selected, { quiet: true }); });
$('sign-out').addEventListener('click', signOut);
$('unread-only').addEventListener('change', (e) => navigate({ ...view, unreadOnly: e.target.checked }));
$('claim').addEventListener('click', () => act('claim'));
$('release').addEventListener('click', () => act('release'));
document.addEventListener('click', (event) => {
  // In-page navigation for the list, tabs and back link: the address changes, the page does not reload.
  const a = event.target.closest('a[href^="?"]');
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate(readView(new URL(a.href, location.href).searchParams));
});
addEventListener('popstate', () => { view = readView(); show(); });
wireShortcuts({
  next: () => step(1),
  previous: () => step(-1),
  claim: () => view.selected && act('claim'),
  reply: () => view.selected && $('reply-text').focus(),
});

start();

async function start() {
  try {
    me = await api('GET', '/api/v1/web/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return toSignIn();
    return showConnection('offline');
  }
  $('who').textContent = t('inbox.signedInAs', { name: me.displayName ?? me.userName });
  let page;
  try {
    page = await api('GET', '/api/v1/conversations?limit=500');
  } catch (error) {
    // Not an agent (or the server is away): say so where the list would be, never a blank page.
    $('empty').hidden = false;
    $('empty').textContent = error instanceof ApiError && error.status === 403 ? t('inbox.noAccess') : t('error.network');
    return showConnection('offline');
  }
  for (const c of page.items) conversations.set(c.id, c);
  show();
  await live.start(page.position);
}

function readView(query = new URLSearchParams(location.search)) {
  const tab = tabs.includes(query.get('tab')) ? query.get('tab') : 'all';
  return { tab, unreadOnly: query.get('unread') === '1', selected: query.get('c') };
}

function navigate(next) {
  const query = new URLSearchParams({ tab: next.tab });
  if (next.unreadOnly) query.set('unread', '1');
  if (next.selected) query.set('c', next.selected);
  const changedThread = next.selected !== view.selected;
  if (next.tab !== view.tab || next.unreadOnly !== view.unreadOnly) readSince.clear();
  view = next;
  history.pushState(null, '', `?${query}`);
  if (changedThread) show(); else render();
}

function show() {
  $('unread-only').checked = view.unreadOnly;
  render();
  if (view.selected) openThread(view.selected); else closeThread();
}

function render() {
  list.render(conversations, listView());
  if (view.selected && conversations.has(view.selected)) renderActions(conversations.get(view.selected));
}

function listView() {
  return { ...view, me: me?.userName, readSince };
}

function closeThread() {
  $('layout').dataset.view = 'list';
  $('thread-body').hidden = true;
  $('placeholder').hidden = false;
}

async function openThread(id, { quiet = false } = {}) {
  $('layout').dataset.view = 'thread';
  $('placeholder').hidden = true;
  $('thread-body').hidden = false;
  hideNotice();
  clearErrors($('reply-form'));
  try {
    const [summary, page] = await Promise.all([api('GET', `/api/v1/conversations/${encodeURIComponent(id)}`), api('GET', `/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=1000`)]);
    if (view.selected !== id) return; // another thread was picked meanwhile
    conversations.set(id, summary);
    thread.show(summary, page.items.map(messageOf), me.userName);
    renderActions(summary);
    if (!quiet) reply.open(id);
    render();
    if (summary.unread > 0) markRead(id);
  } catch (error) {
    $('messages').replaceChildren();
    $('thread-heading').textContent = '';
    $('thread-meta').textContent = '';
    notice(error instanceof ApiError && error.status === 403 ? t('error.forbidden') : error instanceof ApiError && error.status === 404 ? t('error.notFound') : t('error.network'));
  }
}

function renderActions(c) {
  thread.header(c);
  $('claim').hidden = c.assignedTo === me.userName;
  $('release').hidden = c.assignedTo !== me.userName;
  const blocked = c.optedOut ? t('inbox.optedOut') : c.closed ? t('inbox.closed') : null;
  $('send').disabled = Boolean(blocked);
  if (blocked) notice(blocked);
}

function applyUpdate(update) {
  const c = update.conversation;
  conversations.set(c.id, c);
  const open = view.selected === c.id;
  if (update.message && open) {
    if (update.kind === 'status') thread.status(update.message.messageId, update.message.status);
    else if (update.kind === 'message') thread.add(messageOf(update.message), me.userName);
  }
  if (update.kind === 'message' && update.message?.direction === 'in') {
    readSince.clear();
    noteInbound();
    if (open && !document.hidden) markRead(c.id);
  }
  render();
}

async function markRead(id) {
  readSince.add(id);
  try {
    conversations.set(id, await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/read`));
    render();
  } catch { /* the unread count stays; nothing else depends on it */ }
}

async function act(action) {
  const id = view.selected;
  hideNotice();
  try {
    conversations.set(id, await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/${action}`));
    render();
    notice(t(action === 'claim' ? 'inbox.claimed' : 'inbox.released'));
  } catch (error) {
    notice(reasonOf(error));
  }
}

async function send(text) {
  const form = $('reply-form');
  clearErrors(form);
  if (!text.trim()) return showErrors(form, { text: t('inbox.empty.reply') });
  const id = view.selected;
  const button = $('send');
  button.disabled = true;
  button.textContent = t('inbox.sending');
  try {
    const sent = await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/messages`, { text });
    reply.sent();
    if (view.selected === id) thread.add({ id: sent.id, direction: 'out', text, author: me.userName, at: new Date().toISOString(), status: sent.status }, me.userName);
  } catch (error) {
    const fields = error instanceof ApiError ? error.fields : {};
    showErrors(form, Object.keys(fields).length ? Object.fromEntries(Object.entries(fields).map(([f, r]) => [f === 'id' ? '_form' : f, r.join(' ')])) : { _form: reasonOf(error) });
  } finally {
    button.disabled = false;
    button.textContent = t('inbox.send');
  }
}

function reasonOf(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  if (error.status === 401) { toSignIn(); return ''; }
  const reasons = Object.values(error.fields).flat();
  return reasons.length ? reasons.join(' ') : t('error.unexpected', { status: error.status });
}

function step(delta) {
  const shown = list.visible(conversations, listView());
  if (shown.length === 0) return;
  const at = shown.findIndex((c) => c.id === view.selected);
  const next = shown[Math.max(0, Math.min(shown.length - 1, at < 0 ? 0 : at + delta))];
  navigate({ ...view, selected: next.id });
  document.querySelector(`[data-conversation="${CSS.escape(next.id)}"] a`)?.focus();
}

function showConnection(state) {
  const el = $('connection');
  el.dataset.state = state;
  el.textContent = t(state === 'live' ? 'inbox.live' : state === 'reconnecting' ? 'inbox.reconnecting' : 'inbox.offline');
}

async function signOut() {
  try { await api('POST', '/api/v1/web/sign-out'); } catch { /* the cookie is cleared by the next sign-in anyway */ }
  location.assign('/app/sign-in?signedOut=1');
}

function notice(text) {
  const el = $('thread-notice');
  el.textContent = text;
  el.hidden = !text;
}

function hideNotice() {
  notice('');
}
