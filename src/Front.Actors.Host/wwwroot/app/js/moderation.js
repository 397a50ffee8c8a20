// The moderators' page: the live queue of held items (why, how long, which account, what it says), decided one at a
// time or many at once with a reason; a domain or a sender name approved for an account from the item; items another
// moderator decides disappear live; and the audit log. The queue is state, not a log: after any (re)connect it is
// read again, so nothing held or decided while the connection was away is missed.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells } from './page.js';
import { LiveHub, showConnection } from './live-hub.js';
import { formatFull, formatNumber, formatWhen } from './format.js';
import { clearErrors, showErrors, showApiErrors } from './field-errors.js';
import { toSignIn } from './api.js';

const $ = (id) => document.getElementById(id);
const pageSize = 50;
const items = new Map(); // id -> item, in the order shown
const selected = new Set();
const deciding = new Set(); // ids this page is deciding: their ItemDecided is no news
let cursor = null;
let filters = { rule: '', account: '', order: 'oldest' };
let me = null;

const hub = new LiveHub('/hubs/moderation', {
  handlers: { ItemHeld: held, ItemDecided: decidedElsewhere },
  onState: (state) => showConnection($('connection'), state, t),
  onConnected: () => loadQueue(),
  onSignedOut: toSignIn,
});
window.frontModeration = { hub };

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  filters = { rule: $('filter-rule').value, account: $('filter-account').value.trim(), order: $('filter-order').value };
  loadQueue();
});
$('more').addEventListener('click', () => loadQueue({ more: true }));
$('select-all').addEventListener('change', (event) => {
  for (const id of items.keys()) if (event.target.checked) selected.add(id); else selected.delete(id);
  renderQueue();
});
$('approve-selected').addEventListener('click', () => decide([...selected], true));
$('reject-selected').addEventListener('click', () => decide([...selected], false));
$('audit-filters').addEventListener('submit', (event) => { event.preventDefault(); loadAudit(); });
$('limits-form').addEventListener('submit', saveLimits);
$('suspend-form').addEventListener('submit', (event) => { event.preventDefault(); suspension(true); });
$('resume').addEventListener('click', () => suspension(false));
document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-view]');
  if (!a || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  history.pushState(null, '', `?view=${a.dataset.view}`);
  showView();
});
addEventListener('popstate', showView);
document.addEventListener('front:lang', () => { renderQueue(); renderBulk(); if (!$('audit-view').hidden) loadAudit(); });
setInterval(() => { for (const li of $('held').children) renderAge(li); }, 30_000);

start();

async function start() {
  me = await startPage('moderation');
  if (!me) return showConnection($('connection'), 'offline', t);
  showView();
  await hub.start();
}

function showView() {
  const asked = new URLSearchParams(location.search).get('view');
  const view = ['audit', 'accounts'].includes(asked) ? asked : 'queue';
  for (const a of document.querySelectorAll('a[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  $('queue-view').hidden = view !== 'queue';
  $('accounts-view').hidden = view !== 'accounts';
  $('audit-view').hidden = view !== 'audit';
  if (view === 'audit') loadAudit();
}

// ---- the queue ----

async function loadQueue({ more = false } = {}) {
  const query = new URLSearchParams({ limit: pageSize, order: filters.order });
  if (filters.rule) query.set('rule', filters.rule);
  if (filters.account) query.set('account', filters.account);
  if (more && cursor) query.set('cursor', cursor);
  try {
    const page = await api('GET', `/api/v1/moderation/items?${query}`);
    if (!more) { items.clear(); selected.clear(); }
    for (const item of page.items) items.set(item.id, item);
    cursor = page.nextCursor;
    clearErrors($('decide'));
  } catch (error) {
    showErrors($('decide'), { _form: reasonOf(error) });
  }
  renderQueue();
}

function matches(item) {
  return (!filters.rule || item.rule === filters.rule) && (!filters.account || item.accountId === filters.account);
}

/** A new held item: at the top when the newest come first; at the end (once the last page is shown) when the oldest do. */
function held(item) {
  if (!matches(item) || items.has(item.id)) return;
  if (filters.order === 'newest') {
    const rest = [...items];
    items.clear();
    items.set(item.id, item);
    for (const [id, other] of rest) items.set(id, other);
  } else if (cursor === null) items.set(item.id, item);
  else return; // it comes with a later page
  renderQueue();
  note(t(item.kind === 'campaign' ? 'moderation.newHeldCampaign' : 'moderation.newHeld', { account: item.accountId, rule: t(`rule.${item.rule}`) }));
}

function decidedElsewhere(decision) {
  if (deciding.has(decision.id)) return;
  if (!items.delete(decision.id)) return;
  selected.delete(decision.id);
  renderQueue();
  const text = { approved: 'moderation.approvedBy', rejected: 'moderation.rejectedBy', cancelled: 'moderation.cancelledBy' }[decision.decision] ?? 'moderation.rejectedBy';
  note(t(text, { moderator: decision.moderator, account: decision.accountId }));
}

function note(text) {
  $('live-note').textContent = text;
}

function renderQueue() {
  const list = $('held');
  list.replaceChildren(...[...items.values()].map(itemView));
  $('queue-empty').hidden = items.size > 0;
  $('more').hidden = cursor === null;
  $('queue-count').textContent = `(${formatNumber(items.size)}${cursor ? '+' : ''})`;
  $('select-all').checked = items.size > 0 && [...items.keys()].every((id) => selected.has(id));
  renderBulk();
}

function renderBulk() {
  const n = selected.size;
  $('approve-selected').textContent = t('moderation.approveSelected', { count: formatNumber(n) });
  $('reject-selected').textContent = t('moderation.rejectSelected', { count: formatNumber(n) });
  $('approve-selected').disabled = n === 0;
  $('reject-selected').disabled = n === 0;
}

function itemView(item) {
  const heading = `h-${item.id}`;
  const check = el('input', { type: 'checkbox', id: `sel-${item.id}`, 'aria-labelledby': heading, checked: selected.has(item.id) });
  check.addEventListener('change', () => {
    if (check.checked) selected.add(item.id); else selected.delete(item.id);
    $('select-all').checked = items.size > 0 && [...items.keys()].every((id) => selected.has(id));
    renderBulk();
  });
  const actions = el('div', { class: 'item-actions' },
    el('button', { type: 'button', class: 'primary', text: t('moderation.approve'), 'aria-describedby': heading, onclick: () => decide([item.id], true) }),
    el('button', { type: 'button', class: 'danger', text: t('moderation.reject'), 'aria-describedby': heading, onclick: () => decide([item.id], false) }));
  // Approving a domain or a sender releases the account's held messages, not a held campaign: not offered on one.
  const campaign = item.kind === 'campaign';
  const domain = !campaign && item.rule === 'unapproved-link' ? /^link to ([^\s,(]+)/.exec(item.details)?.[1] : null;
  if (domain) {
    actions.append(el('button', { type: 'button', text: t('moderation.approveDomain', { domain }), 'aria-describedby': heading, onclick: () => approveDomain(item, domain) }));
  }
  const sender = !campaign && item.rule === 'unregistered-sender' ? /'([^']+)'/.exec(item.details)?.[1] : null;
  if (sender) {
    actions.append(el('button', { type: 'button', text: t('moderation.registerSender', { name: sender }), 'aria-describedby': heading, onclick: () => registerSender(item, sender) }));
  }
  const li = el('li', { class: `held-item${campaign ? ' campaign' : ''}`, 'data-item': item.id, 'data-rule': item.rule, 'data-kind': item.kind || 'message' },
    check,
    el('div', { class: 'item-body' },
      el('h3', { id: heading },
        ...(campaign ? [el('span', { class: 'kind-badge', text: t('moderation.campaign') }), ' '] : []),
        el('span', { class: 'account', text: item.accountId }), ' · ', el('span', { text: t(`rule.${item.rule}`) })),
      el('p', { class: 'meta' },
        el('time', { class: 'age', dateTime: item.heldAt, title: formatFull(item.heldAt) }), ' · ',
        el('span', { class: 'count-of', text: countText(item) }), ' · ',
        el('span', { class: 'details', text: item.details })),
      el('blockquote', { class: 'preview', text: item.preview || '—' }),
      actions));
  renderAge(li);
  return li;
}

/** Held messages count messages; a held campaign counts its recipients (as estimated when it was held). */
function countText(item) {
  const campaign = item.kind === 'campaign';
  const key = campaign ? (item.messageCount === 1 ? 'moderation.oneRecipient' : 'moderation.recipients')
    : (item.messageCount === 1 ? 'moderation.oneMessage' : 'moderation.messages');
  return t(key, { count: formatNumber(item.messageCount) });
}

function renderAge(li) {
  const item = items.get(li.dataset.item);
  const age = li.querySelector('.age');
  if (!item || !age) return;
  const minutes = Math.max(0, Math.floor((Date.now() - new Date(item.heldAt)) / 60_000));
  age.textContent = t('moderation.waiting', { age: formatAge(minutes) });
  li.classList.toggle('old', minutes >= 60);
}

function formatAge(minutes) {
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { h: hours, m: minutes % 60 });
  return t('age.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

async function decide(ids, approve) {
  const form = $('decide');
  clearErrors(form);
  const reason = $('reason').value.trim();
  if (!ids.length) return;
  if (!approve && !reason) return showErrors(form, { reason: t('moderation.reasonRequired') });
  for (const id of ids) deciding.add(id);
  try {
    const path = `/api/v1/moderation/items/${ids.length === 1 ? `${encodeURIComponent(ids[0])}/` : ''}${approve ? 'approve' : 'reject'}`;
    const answer = await api('POST', path, ids.length === 1 ? { reason } : { ids, reason });
    const results = answer.results ?? [{ id: ids[0], outcome: answer.decision, messages: answer.messages }];
    for (const r of results) {
      const item = items.get(r.id);
      items.delete(r.id);
      selected.delete(r.id);
      logDecision(r, item);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      for (const id of ids) { logDecision({ id, outcome: 'already-decided' }, items.get(id)); items.delete(id); selected.delete(id); }
    } else {
      showApiErrors(form, error, reasonOf(error));
    }
  } finally {
    for (const id of ids) deciding.delete(id);
  }
  renderQueue();
}

function logDecision(result, item) {
  const account = item?.accountId ?? '';
  const count = result.messages ?? /^(\d+)/.exec(result.detail ?? '')?.[1] ?? item?.messageCount ?? 0;
  const campaign = item?.kind === 'campaign';
  const messages = campaign ? countText(item)
    : t(Number(count) === 1 ? 'moderation.oneMessage' : 'moderation.messages', { count: formatNumber(Number(count)) });
  const text = {
    approved: t(campaign ? 'moderation.result.campaignApproved' : 'moderation.result.approved', { account, messages }),
    rejected: t(campaign ? 'moderation.result.campaignRejected' : 'moderation.result.rejected', { account, messages }),
    'already-decided': t('moderation.result.already', { account }),
    unknown: t('moderation.result.unknown'),
  }[result.outcome] ?? result.outcome;
  log(text, result.outcome);
}

function log(text, kind) {
  const at = new Date().toISOString();
  $('decided').prepend(el('li', { 'data-outcome': kind }, el('time', { dateTime: at, text: formatWhen(at) }), ' ', el('span', { text })));
  $('decided-empty').hidden = true;
}

async function approveDomain(item, domain) {
  clearErrors($('decide'));
  try {
    const answer = await api('POST', `/api/v1/accounts/${encodeURIComponent(item.accountId)}/approved-domains`, { domain });
    log(t('moderation.domainApproved', { domain: answer.domain, account: item.accountId, count: formatNumber(Number(answer.released ?? 0)) }), 'domain');
    await loadQueue(); // the items it released are decided now
  } catch (error) {
    showErrors($('decide'), { _form: reasonOf(error) });
  }
}

async function registerSender(item, name) {
  clearErrors($('decide'));
  try {
    await api('POST', `/api/v1/accounts/${encodeURIComponent(item.accountId)}/senders`, { name });
    log(t('moderation.senderRegistered', { name, account: item.accountId }), 'sender');
  } catch (error) {
    showErrors($('decide'), { _form: reasonOf(error) });
  }
}

// ---- the audit log ----

async function loadAudit() {
  const days = Number($('audit-period').value);
  const base = new URLSearchParams({ limit: 200, from: new Date(Date.now() - days * 86_400_000).toISOString() });
  for (const f of ['actor', 'action', 'account']) if ($(`audit-${f}`).value.trim()) base.set(f, $(`audit-${f}`).value.trim());
  const rows = [];
  let after = null;
  $('audit-error').hidden = true;
  try {
    // The log pages oldest first; the screen shows the newest first, up to 1,000 entries of the period.
    do {
      const query = new URLSearchParams(base);
      if (after) query.set('after', after);
      const page = await api('GET', `/api/v1/audit?${query}`);
      rows.push(...page.items);
      after = page.next;
    } while (after && rows.length < 1000);
  } catch (error) {
    $('audit-error').textContent = reasonOf(error);
    $('audit-error').hidden = false;
  }
  rows.reverse();
  $('audit-rows').replaceChildren(...rows.map((a) => el('tr', {},
    el('td', {}, el('time', { dateTime: a.at, title: formatFull(a.at), text: formatWhen(a.at) })),
    el('td', { text: a.role ? `${a.actor} (${a.role})` : a.actor }),
    el('td', {}, el('code', { text: a.action })),
    el('td', { class: 'wrap', text: [a.target, detailsText(a.details)].filter(Boolean).join(' · ') }),
    el('td', { text: a.accountId ?? a.organizationId ?? '' }),
    el('td', { text: a.address ?? '' }))));
  labelCells($('audit-rows'));
  $('audit-note').textContent = rows.length === 0 ? t('audit.empty') : after ? t('audit.capped', { count: formatNumber(rows.length) })
    : t(rows.length === 1 ? 'audit.one' : 'audit.count', { count: formatNumber(rows.length) });
}

/** The entry's details as "reason: …" pairs when they are a JSON object (ids are already in the subject column). */
function detailsText(details) {
  if (!details) return '';
  try {
    const parsed = JSON.parse(details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed).filter(([k, v]) => k !== 'ids' && v !== null && v !== '')
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
    }
  } catch { /* not JSON: shown as written */ }
  return details;
}

// ---- accounts: limits and suspension ----

async function saveLimits(event) {
  event.preventDefault();
  const form = $('limits-form');
  clearErrors(form);
  $('limits-done').textContent = '';
  const id = $('limits-account').value.trim();
  if (!id) return showErrors(form, { id: t('signIn.required') });
  const body = {};
  const errors = {};
  for (const [field, input] of [['messagesPerSecond', 'limits-rate'], ['monthlySegments', 'limits-month'], ['bulkThreshold', 'limits-bulk']]) {
    const raw = $(input).value.replace(/\s/g, '');
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) errors[field] = t('moderation.wholeNumber');
    else body[field] = Number(raw);
  }
  if (Object.keys(errors).length) return showErrors(form, errors);
  try {
    const answer = await api('PUT', `/api/v1/accounts/${encodeURIComponent(id)}/limits`, body);
    const l = answer.limits;
    const text = t('moderation.limitsSaved', {
      account: id, rate: formatNumber(l.messagesPerSecond), monthly: formatNumber(l.monthlySegments), bulk: formatNumber(l.bulkThreshold),
    });
    log(text, 'limits');
    form.reset();
    $('limits-done').textContent = text;
  } catch (error) {
    accountErrors(form, error);
  }
}

async function suspension(suspend) {
  const form = $('suspend-form');
  clearErrors(form);
  $('suspend-done').textContent = '';
  const id = $('suspend-account').value.trim();
  if (!id) return showErrors(form, { id: t('signIn.required') });
  try {
    const answer = await api('POST', `/api/v1/accounts/${encodeURIComponent(id)}/${suspend ? 'suspend' : 'resume'}`, suspend ? { reason: $('suspend-reason').value.trim() } : undefined);
    const text = suspend ? t('moderation.suspended', { account: id }) : t('moderation.resumed', { account: id, count: formatNumber(Number(answer.released ?? 0)) });
    log(text, suspend ? 'suspend' : 'resume');
    $('suspend-done').textContent = text;
  } catch (error) {
    accountErrors(form, error);
  }
}

function accountErrors(form, error) {
  showApiErrors(form, error, reasonOf(error));
}
