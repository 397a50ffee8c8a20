// The marketers' campaigns page: import contacts from a CSV into a group (with the import's report), compose a campaign
// (sender, group, a template or a text with its live segment counter, rate under the account's limit, start now or at an
// Oslo time, an optional sending window) and see its estimate, send it as a test to a few numbers, then start, pause, resume
// or cancel it and watch its counts move live (/hubs/campaigns: each listed campaign is followed, and followed again
// after a reconnect, so the counts are the campaign's stored ones, never the page's own); the report is the CSV export.
import { api, antiForgery, ApiError, toSignIn } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells } from './page.js';
import { LiveHub, showConnection } from './live-hub.js';
import { clearErrors, showErrors, showApiErrors } from './field-errors.js';
import { formatNumber, formatDateTime } from './format.js';
import { analyze } from './segments.js';

const $ = (id) => document.getElementById(id);
const progress = new Map(); // campaign id → { status, counts }
const timing = new Map(); // campaign id → { startAt, nextOpening } of a scheduled or waiting campaign (read from the API)
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
let templates = [];
let typed = ''; // the marketer's own text, kept while a template fills the text box
let testing = null; // the campaign the test form sends
const kroner = (ore) => (ore / 100).toLocaleString('nb-NO', { style: 'currency', currency: 'NOK' });
let campaigns = [];
let hub = null;

document.addEventListener('front:lang', () => { renderList(); showCounter(); renderDays(); renderTemplates(); showLimit(); showTesting(); });
start();

async function start() {
  const me = await startPage('campaigns');
  if (!me) return;
  $('import-form').addEventListener('submit', importCsv);
  $('compose').addEventListener('submit', create);
  $('c-text').addEventListener('input', showCounter);
  $('c-template').addEventListener('change', chooseTemplate);
  for (const radio of document.querySelectorAll('input[name=when]')) radio.addEventListener('change', showWhen);
  $('c-window').addEventListener('change', () => { $('c-window-fields').hidden = !$('c-window').checked; });
  $('test-form').addEventListener('submit', testSend);
  renderDays();
  showCounter();
  await Promise.all([loadGroups(), loadTemplates(), loadLimit()]);
  hub = new LiveHub('/hubs/campaigns', {
    handlers: { CampaignProgress: async (p) => { progress.set(p.id, p); if (timed.includes(p.status)) await readTiming(); renderList(); } },
    onState: (state) => showConnection($('connection'), state, t),
    onConnected: loadList, // after each (re)connect: the list again, each campaign followed again
    onSignedOut: toSignIn,
  });
  await hub.start();
  setInterval(refreshSettling, 2000);
}

/**
 * A campaign's pushes end when its last recipient is handed over, but receipts keep coming for a while after: the
 * counts of a stopped campaign whose messages are not all final yet are read again until they are.
 */
async function refreshSettling() {
  if (hub?.connection.state !== 'Connected') return;
  let changed = false;
  for (const [id, p] of progress) {
    const n = p?.counts;
    if (!n || !['finished', 'cancelled'].includes(p.status) || (n.delivered ?? 0) + (n.failed ?? 0) + (n.held ?? 0) >= (n.submitted ?? 0)) continue;
    try { progress.set(id, await hub.connection.invoke('Follow', id)); changed = true; } catch { /* the next round tries again */ }
  }
  if (changed) renderList();
}

function fail(error) {
  $('error').textContent = reasonOf(error);
  $('error').hidden = !$('error').textContent;
}

async function loadGroups() {
  try {
    const groups = (await api('GET', '/api/v1/groups')).items;
    $('c-group').replaceChildren(...groups.map((g) => el('option', { value: g.id, text: `${g.name} (${formatNumber(g.members)})` })));
  } catch (error) { fail(error); }
}

async function loadTemplates() {
  try { templates = (await api('GET', '/api/v1/templates')).items; } catch (error) { fail(error); }
  renderTemplates();
}

function renderTemplates() {
  const chosen = $('c-template').value;
  $('c-template').replaceChildren(el('option', { value: '', text: t('campaigns.noTemplate') }),
    ...templates.map((x) => el('option', { value: x.id, text: x.name })));
  $('c-template').value = templates.some((x) => x.id === chosen) ? chosen : '';
}

/** A template fills the text box (read only, so the counter shows its cost); "none" gives the marketer's own text back. */
function chooseTemplate() {
  const template = templates.find((x) => x.id === $('c-template').value);
  if (template && !$('c-text').readOnly) typed = $('c-text').value;
  $('c-text').value = template ? template.text : typed;
  $('c-text').readOnly = !!template;
  showCounter();
}

let limit = null;
async function loadLimit() {
  try { limit = (await api('GET', '/api/v1/account')).limits?.messagesPerSecond ?? null; } catch { limit = null; }
  showLimit();
}

function showLimit() {
  $('rate-limit').textContent = limit == null ? '' : t('campaigns.rateLimit', { limit: formatNumber(limit) });
  if (limit != null) $('c-rate').max = String(limit);
}

function showWhen() {
  const at = $('c-when-at').checked;
  $('c-start-field').hidden = !at;
  if (at) $('c-start').focus();
}

/** The weekdays as checkboxes, Monday first, weekdays ticked until the marketer changes them. */
function renderDays() {
  const box = $('c-window-days');
  const checked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  const initial = box.querySelectorAll('input').length === 0;
  box.replaceChildren(el('legend', { text: t('campaigns.windowDays') }), ...days.map((d, i) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'window.days', value: d, checked: initial ? i < 5 : checked.has(d) }), ` ${t(`day.${d}`)}`)));
}

async function loadList() {
  try {
    campaigns = (await api('GET', '/api/v1/campaigns')).items;
    for (const c of campaigns) {
      if (hub?.connection.state === 'Connected') progress.set(c.id, await hub.connection.invoke('Follow', c.id));
    }
    await readTiming();
    $('error').hidden = true;
  } catch (error) { fail(error); }
  renderList();
}

const timed = ['scheduled', 'waiting-for-window'];

/** When a scheduled campaign starts and when a waiting one goes on: not in the pushes, so read from the campaign. */
async function readTiming() {
  for (const c of campaigns) {
    const status = progress.get(c.id)?.status ?? c.status;
    const known = timing.get(c.id);
    if (!timed.includes(status) || known?.status === status) continue;
    try {
      const full = await api('GET', `/api/v1/campaigns/${encodeURIComponent(c.id)}`);
      timing.set(c.id, { status, startAt: full.startAt, nextOpening: full.nextOpening, window: full.window });
    } catch { /* shown without its time; the next list read tries again */ }
  }
}

function showCounter() {
  const a = analyze($('c-text').value);
  $('c-counter').textContent = t('campaigns.counter', { characters: a.characters, segments: a.segments, encoding: a.encoding === 'gsm7' ? 'GSM' : 'Unicode' });
}

async function importCsv(event) {
  event.preventDefault();
  const group = $('import-group').value.trim();
  const file = $('import-file').files[0];
  $('import-invalid').replaceChildren();
  if (!group || !file) { $('import-report').textContent = t('campaigns.importMissing'); return; }
  try {
    const response = await fetch(`/api/v1/contacts/import?group=${encodeURIComponent(group)}`, {
      method: 'POST', credentials: 'same-origin', headers: { ...antiForgery, 'Content-Type': 'text/csv', Accept: 'application/json' }, body: file,
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, json, null);
    $('import-report').textContent = t('campaigns.imported', { added: json.added, updated: json.updated, duplicates: json.duplicates, invalid: json.invalid.length });
    $('import-invalid').replaceChildren(...json.invalid.map((i) => el('li', { text: t('campaigns.invalidLine', { line: i.line, reason: i.reason }) })));
    await loadGroups();
    $('c-group').value = json.groupId;
  } catch (error) {
    $('import-report').textContent = reasonOf(error);
  }
}

async function create(event) {
  event.preventDefault();
  const form = $('compose');
  clearErrors(form);
  // The picked date and time as Oslo wall-clock time, without an offset: the API reads it as Europe/Oslo.
  if ($('c-when-at').checked && !$('c-start').value) { showErrors(form, { startAt: t('campaigns.startMissing') }); return; }
  const startAt = $('c-when-at').checked ? $('c-start').value : null;
  const templateId = $('c-template').value || null;
  const window = $('c-window').checked ? {
    from: $('c-window-from').value, to: $('c-window-to').value,
    days: [...$('c-window-days').querySelectorAll('input:checked')].map((i) => i.value),
  } : null;
  const body = {
    name: $('c-name').value.trim(), from: $('c-from').value.trim(), text: templateId ? null : $('c-text').value, templateId,
    groups: $('c-group').value ? [$('c-group').value] : [], messagesPerSecond: Number($('c-rate').value), startAt, window,
  };
  try {
    const created = await api('POST', '/api/v1/campaigns', body);
    const e = created.estimate;
    $('estimate').textContent = t('campaigns.estimate', {
      recipients: formatNumber(e.recipients), segments: formatNumber(e.segments), cost: kroner(e.costOre),
      routes: e.routes.map((r) => `${r.operator}: ${formatNumber(r.recipients)}`).join(', '),
    });
    await loadList();
    chooseForTest({ id: created.id, name: body.name });
  } catch (error) {
    showApiErrors(form, error, reasonOf(error));
  }
}

/** The test form, for the campaign just created or the one whose "Send test" was pressed. */
function chooseForTest(campaign, focus = false) {
  testing = campaign;
  $('test-form').hidden = false;
  clearErrors($('test-form'));
  $('test-result').replaceChildren();
  showTesting();
  if (focus) $('t-numbers').focus();
}

function showTesting() {
  if (testing) $('test-heading').textContent = t('campaigns.testOf', { name: testing.name });
}

async function testSend(event) {
  event.preventDefault();
  const form = $('test-form');
  clearErrors(form);
  $('test-result').replaceChildren();
  const numbers = $('t-numbers').value.split(/[\n,;]+/).map((n) => n.trim()).filter(Boolean);
  if (numbers.length === 0) { showErrors(form, { numbers: t('campaigns.testMissing') }); return; }
  if (numbers.length > 10) { showErrors(form, { numbers: t('campaigns.testTooMany', { count: numbers.length }) }); return; }
  try {
    const result = await api('POST', `/api/v1/campaigns/${encodeURIComponent(testing.id)}/test`, { numbers });
    $('test-result').replaceChildren(
      ...result.messages.map((m) => el('li', { class: 'ok', 'data-to': m.to, text: t('campaigns.testAccepted', { to: m.to, segments: formatNumber(m.segments) }) })),
      ...result.rejected.map((r) => el('li', { class: 'error', 'data-to': r.to, text: t('campaigns.testRefused', { to: r.to, reason: r.reason }) })));
  } catch (error) {
    showApiErrors(form, error, reasonOf(error));
  }
}

async function act(id, action) {
  try {
    await api('POST', `/api/v1/campaigns/${encodeURIComponent(id)}/${action}`);
    progress.set(id, await hub.connection.invoke('Follow', id));
    campaigns = (await api('GET', '/api/v1/campaigns')).items;
    await readTiming();
  } catch (error) { fail(error); }
  renderList();
}

const actionsFor = {
  draft: ['start', 'cancel'], scheduled: ['pause', 'cancel'], running: ['pause', 'cancel'], 'waiting-for-window': ['pause', 'cancel'],
  paused: ['resume', 'cancel'], held: ['cancel'], 'awaiting-approval': ['cancel'],
};

function renderList() {
  $('empty').hidden = campaigns.length > 0;
  $('rows').replaceChildren(...campaigns.map((c) => {
    const p = progress.get(c.id);
    const status = p?.status ?? c.status;
    const n = p?.counts ?? { total: c.total, skipped: c.skipped };
    const done = (n.submitted ?? 0) + (n.failed ?? 0);
    const reachable = Math.max(0, (n.total ?? 0) - (n.skipped ?? 0));
    const share = reachable === 0 ? (status === 'finished' ? 1 : 0) : Math.min(1, done / reachable);
    const bar = el('progress', { max: '1', value: String(share), 'aria-label': t('campaigns.progressOf', { name: c.name }) });
    const buttons = (actionsFor[status] ?? []).map((a) => el('button', { type: 'button', text: t(`campaigns.${a}`), 'data-action': a, onclick: () => act(c.id, a) }));
    const report = el('a', { href: `/api/v1/campaigns/${encodeURIComponent(c.id)}/report.csv`, download: `${c.id}.csv`, text: t('campaigns.report') });
    const details = el('button', { type: 'button', class: 'link', text: t('campaigns.showReport'), onclick: () => showReport(c) });
    const test = ['draft', 'scheduled', 'paused', 'awaiting-approval'].includes(status)
      ? el('button', { type: 'button', class: 'link', text: t('campaigns.testSend'), 'aria-label': t('campaigns.testSendOf', { name: c.name }), 'data-action': 'test', onclick: () => chooseForTest(c, true) }) : null;
    const when = timing.get(c.id);
    const note = status === 'scheduled' && when?.startAt ? t('campaigns.startsAt', { at: formatDateTime(when.startAt) })
      : status === 'waiting-for-window' && when?.nextOpening ? t('campaigns.opensAt', { at: formatDateTime(when.nextOpening) }) : null;
    return el('tr', { 'data-campaign': c.id, 'data-status': status },
      el('td', { text: c.name }), el('td', { class: 'status' }, el('div', {}, t(`campaigns.status.${status}`), note ? el('span', { class: 'when', text: note }) : null)),
      el('td', { class: 'num', text: formatNumber(n.total ?? 0) }), el('td', { class: 'num', text: formatNumber(n.skipped ?? 0) }),
      el('td', { class: 'num', 'data-count': 'submitted', text: formatNumber(n.submitted ?? 0) }),
      el('td', { class: 'num', 'data-count': 'delivered', text: formatNumber(n.delivered ?? 0) }),
      el('td', { class: 'num', text: formatNumber(n.failed ?? 0) }),
      el('td', { class: 'num', 'data-count': 'replies', text: formatNumber(n.replies ?? 0) }),
      el('td', {}, el('div', {}, bar, el('span', { class: 'share', text: ` ${Math.round(share * 100)} %` }))),
      el('td', { class: 'actions' }, el('div', { class: 'buttons' }, ...buttons, test, details, report)));
  }));
  labelCells($('rows'));
}


/** The report's totals under the list: per operator, failures by reason, and a bar per minute of deliveries. */
async function showReport(campaign) {
  let r;
  try { r = await api('GET', `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/report`); } catch (error) { fail(error); return; }
  $('report').hidden = false;
  $('report-heading').textContent = t('campaigns.reportOf', { name: campaign.name });
  $('report-summary').textContent = t('campaigns.reportSummary', {
    total: formatNumber(r.counts.total), delivered: formatNumber(r.counts.delivered), failed: formatNumber(r.counts.failed),
    skipped: formatNumber(r.counts.skipped), replies: formatNumber(r.counts.replies ?? 0), cost: kroner(r.costOre),
  });
  $('operator-rows').replaceChildren(...r.operators.map((o) => el('tr', {},
    el('td', { text: o.operator }), el('td', { class: 'num', text: formatNumber(o.messages) }), el('td', { class: 'num', text: formatNumber(o.delivered) }),
    el('td', { class: 'num', text: formatNumber(o.failed) }), el('td', { class: 'num', text: kroner(o.costOre) }))));
  labelCells($('operator-rows'));
  $('failures').replaceChildren(...r.failures.map((f) => el('li', { text: t('campaigns.failure', { reason: f.reason, count: formatNumber(f.count) }) })));
  $('chart').replaceChildren(chart(r.overTime));
  $('report').scrollIntoView({ block: 'start' });
}

/** Bars of deliveries per minute (local time under each), drawn as SVG so it prints and scales. */
function chart(minutes) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = Math.max(1, minutes.length) * 40;
  const top = Math.max(1, ...minutes.map((m) => m.delivered + m.failed));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} 140`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('campaigns.chartLabel', { minutes: minutes.length, delivered: formatNumber(minutes.reduce((a, m) => a + m.delivered, 0)) }));
  minutes.forEach((m, i) => {
    const h = Math.round((m.delivered / top) * 100);
    const bar = document.createElementNS(ns, 'rect');
    Object.entries({ x: i * 40 + 6, y: 110 - h, width: 28, height: h, class: 'bar' }).forEach(([k, v]) => bar.setAttribute(k, v));
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x: i * 40 + 20, y: 128, 'text-anchor': 'middle', class: 'tick' }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = new Date(m.minute).toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' });
    svg.append(bar, label);
  });
  return svg;
}
