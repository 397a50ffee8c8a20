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
import { clearErrors, showErrors, showApiErrors } from './field-errors.js';
import { CannedReplies } from './canned-replies.js';
import { Presence } from './presence.js';
import { chime } from './chime.js';
import { renderNav } from './nav.js';

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
const reply = new ReplyBox({
  form: $('reply-form'), textarea: $('reply-text'), counter: $('reply-counter'), onSend: send, lastInbound: () => thread.lastInboundPosition(), onTyping: typing,
});
const canned = new CannedReplies({
  textarea: $('reply-text'), listbox: $('canned'), status: $('canned-status'), onInsert: () => reply.changed(),
  load: async (id) => (await api('GET', `/api/v1/conversations/${encodeURIComponent(id)}/canned-replies`)).items,
});
// Before the live connection's own pagehide (which stops it), so the others hear this agent left.
addEventListener('pagehide', () => { if (viewingSent) tell('Left', viewingSent); });
const live = new InboxLive({ onUpdate: applyUpdate, onState: showConnection, onSignedOut: toSignIn });
const presence = new Presence({ onChange: (id) => { render(); if (id === view.selected) renderPresence(); } });
live.connection.on('AgentActivity', (activity) => presence.note(activity));
let viewingSent = null; // the thread this page last told the others it views
let typingSentAt = 0;
window.frontInbox = { live, chime }; // for the browser tests (dropping the connection, the sound) and for support in the console

applyTexts();
wireLanguageButton($('language'));
document.addEventListener('front:lang', () => { render(); renderNav($('areas'), me, 'inbox'); if (view.selected) openThread(view.selected, { quiet: true }); });
$('sign-out').addEventListener('click', signOut);
$('close').addEventListener('click', () => act('close'));
$('reopen').addEventListener('click', () => act('reopen'));
$('transfer').addEventListener('click', openTransfer);
$('transfer-cancel').addEventListener('click', closeTransfer);
$('older').addEventListener('click', showOlder);
$('transfer-form').addEventListener('submit', transfer);
$('sound').setAttribute('aria-pressed', String(chime.enabled));
$('sound').addEventListener('click', () => { chime.enabled = !chime.enabled; $('sound').setAttribute('aria-pressed', String(chime.enabled)); });
// Presence: while a thread is open and the page shown, the others are told every 10 s that this agent views it.
setInterval(() => { if (view.selected && !document.hidden) tell('Viewing', view.selected); }, 10_000);
document.addEventListener('visibilitychange', () => { if (!document.hidden && view.selected) tell('Viewing', view.selected); });

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
  close: () => view.selected && act('close'),
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
  renderNav($('areas'), me, 'inbox');
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
  if (view.selected) tell('Viewing', view.selected);
}

/** Presence to the hub; lost when not connected, like presence itself. */
function tell(method, id) {
  if (live.connection.state !== 'Connected') return;
  if (method === 'Viewing') viewingSent = id;
  if (method === 'Left' && viewingSent === id) viewingSent = null;
  live.connection.invoke(method, id).catch(() => { /* ephemeral: the next beat repeats it */ });
}

function typing(id) {
  if (Date.now() - typingSentAt < 2500) return;
  typingSentAt = Date.now();
  tell('Typing', id);
}

function renderPresence() {
  const others = view.selected ? presence.of(view.selected) : [];
  $('thread-presence').textContent = presenceText(others);
}

function presenceText(others) {
  return others.map((p) => t(p.activity === 'typing' ? 'presence.typing' : 'presence.viewing', { name: p.name })).join(' · ');
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
  return { ...view, me: me?.userName, readSince, presenceOf: (id) => presenceText(presence.of(id)) };
}

function closeThread() {
  if (viewingSent) tell('Left', viewingSent);
  $('layout').dataset.view = 'list';
  $('thread-body').hidden = true;
  $('placeholder').hidden = false;
}

async function openThread(id, { quiet = false } = {}) {
  $('layout').dataset.view = 'thread';
  $('placeholder').hidden = true;
  $('thread-body').hidden = false;
  $('older-row').hidden = true;
  hideNotice();
  closeTransfer();
  clearErrors($('reply-form'));
  canned.reset(id);
  if (viewingSent && viewingSent !== id) tell('Left', viewingSent);
  tell('Viewing', id);
  renderPresence();
  // The draft is in the box at once: a live update may show the thread's heading before its messages are read, and
  // what the agent types meanwhile must not be replaced by the stored draft when they arrive.
  if (!quiet) reply.open(id);
  try {
    const [summary, page] = await Promise.all([api('GET', `/api/v1/conversations/${encodeURIComponent(id)}`), api('GET', messagesBefore(id, Number.MAX_SAFE_INTEGER))]);
    if (view.selected !== id) return; // another thread was picked meanwhile
    conversations.set(id, summary);
    thread.show(summary, page.items.map(messageOf), me.userName);
    $('older-row').hidden = page.items.length < threadPage;
    renderActions(summary);
    render();
    if (summary.unread > 0) markRead(id);
  } catch (error) {
    $('messages').replaceChildren();
    $('thread-heading').textContent = '';
    $('thread-meta').textContent = '';
    notice(error instanceof ApiError && error.status === 403 ? t('error.forbidden') : error instanceof ApiError && error.status === 404 ? t('error.notFound') : t('error.network'));
  }
}

// A thread opens at its newest messages, a page of them; older pages come on request.
const threadPage = 200;
const messagesBefore = (id, position) => `/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=${threadPage}&before=${position}`;

async function showOlder() {
  const id = view.selected;
  const first = thread.firstPosition();
  if (!id || first === null) return;
  try {
    const page = await api('GET', messagesBefore(id, first));
    if (view.selected !== id) return;
    thread.addOlder(page.items.map(messageOf), me.userName);
    $('older-row').hidden = page.items.length < threadPage;
  } catch {
    notice(t('error.network'));
  }
}

function renderActions(c) {
  thread.header(c);
  $('claim').hidden = c.assignedTo === me.userName || c.closed;
  $('release').hidden = c.assignedTo !== me.userName;
  $('transfer').hidden = c.assignedTo !== me.userName;
  $('close').hidden = c.closed;
  $('reopen').hidden = !c.closed;
  const blocked = c.optedOut ? t('inbox.optedOut') : c.closed ? t('inbox.closed') : null;
  $('send').disabled = Boolean(blocked);
  if (blocked && !$('thread-notice').textContent) notice(blocked); // a notice of what the agent just did says more
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
    if (document.hidden) chime.play();
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
    notice(t({ claim: 'inbox.claimed', release: 'inbox.released', close: 'inbox.closedByYou', reopen: 'inbox.reopened' }[action]));
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && action === 'claim') {
      // Someone else has it: show who, from the thread as it is now.
      try { conversations.set(id, await api('GET', `/api/v1/conversations/${encodeURIComponent(id)}`)); render(); } catch { /* the reason below still says it */ }
      const holder = conversations.get(id)?.assignedTo;
      return notice(holder ? t('inbox.claimRefused', { agent: holder }) : reasonOf(error));
    }
    notice(reasonOf(error));
  }
}

async function openTransfer() {
  const form = $('transfer-form');
  clearErrors(form);
  const select = $('transfer-to');
  try {
    const agents = (await api('GET', `/api/v1/conversations/${encodeURIComponent(view.selected)}/agents`)).items;
    select.replaceChildren(...agents.map((a) => Object.assign(document.createElement('option'), { value: a.userName, textContent: a.displayName === a.userName ? a.userName : `${a.displayName} (${a.userName})` })));
    if (!agents.length) showErrors(form, { to: t('inbox.noAgents') });
  } catch (error) {
    return notice(reasonOf(error));
  }
  form.hidden = false;
  $('transfer').setAttribute('aria-expanded', 'true');
  select.focus();
}

function closeTransfer() {
  $('transfer-form').hidden = true;
  $('transfer').setAttribute('aria-expanded', 'false');
}

async function transfer(event) {
  event.preventDefault();
  const form = $('transfer-form');
  clearErrors(form);
  const to = $('transfer-to').value;
  if (!to) return showErrors(form, { to: t('inbox.noAgents') });
  try {
    conversations.set(view.selected, await api('POST', `/api/v1/conversations/${encodeURIComponent(view.selected)}/transfer`, { to }));
    closeTransfer();
    render();
    notice(t('inbox.transferred', { agent: to }));
    $('claim').focus();
  } catch (error) {
    showApiErrors(form, error, reasonOf(error));
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
    const lastSeenInbound = reply.seen;
    const sent = await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/messages`, lastSeenInbound == null ? { text } : { text, lastSeenInbound });
    reply.sent();
    if (view.selected === id) thread.add({ id: sent.id, direction: 'out', text, author: me.userName, at: new Date().toISOString(), status: sent.status }, me.userName);
  } catch (error) {
    const fields = error instanceof ApiError ? error.fields : {};
    if (error instanceof ApiError && error.status === 409 && fields.lastSeenInbound) {
      // The contact wrote again while the agent was writing: the draft stays, the new message is on screen above.
      reply.seenNow();
      return showErrors(form, { _form: t('inbox.newerInbound') });
    }
    showApiErrors(form, error, reasonOf(error), (f) => (f === 'id' ? '_form' : f));
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
