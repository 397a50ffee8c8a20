// The dashboard: for an account's admins and marketers, today's and this month's traffic, delivery rate, held items,
// queued messages and each status change as it happens (/hubs/messages); for provider staff, the binds and their state,
// per-operator throughput on this node, and alerts. Figures are read from GET /api/v1/dashboard: again shortly after
// status changes arrive, and every 10 s (binds and throughput have no push of their own).
import { api, toSignIn } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells } from './page.js';
import { LiveHub, showConnection } from './live-hub.js';
import { formatNumber, formatTime, formatFull } from './format.js';
import { tick } from './status-ticks.js';

const $ = (id) => document.getElementById(id);
const percent = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 1 });
const kroner = new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK' });
let data = null;
let refreshTimer = null;
let hub = null;

document.addEventListener('front:lang', render);
start();

async function start() {
  const me = await startPage('dashboard');
  if (!me) return;
  await refresh();
  setInterval(refresh, 10_000);
  if (data?.account) {
    hub = new LiveHub('/hubs/messages', {
      handlers: { StatusChanged: statusChanged },
      onState: (state) => showConnection($('connection'), state, t),
      onConnected: refresh, // the figures again: what changed while away is in them
      onSignedOut: toSignIn,
    });
    await hub.start();
  } else {
    $('connection').hidden = true;
  }
}

async function refresh() {
  try {
    data = await api('GET', '/api/v1/dashboard');
    $('error').hidden = true;
  } catch (error) {
    $('error').textContent = reasonOf(error);
    $('error').hidden = false;
  }
  render();
}

/** A status change: shown in the ticker at once; the figures are read again at most every 2 s. */
function statusChanged(update) {
  const li = el('li', { 'data-status': update.status },
    el('time', { dateTime: update.at, title: formatFull(update.at), text: formatTime(update.at) }), ' ',
    tick(update.status), ' ',
    el('span', { text: t('dashboard.tick', { status: t(`status.${normalize(update.status)}`), id: update.id }) }),
    update.operator ? el('span', { class: 'muted', text: ` · ${operatorName(update.operator)}` }) : null);
  $('ticker').prepend(li);
  while ($('ticker').children.length > 50) $('ticker').lastElementChild.remove();
  $('ticker-empty').hidden = true;
  if (!refreshTimer) refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 2000);
}

function normalize(status) {
  return ['accepted', 'queued', 'held', 'submitted', 'delivered'].includes(status) ? status : 'failed';
}

function render() {
  if (!data) return;
  $('updated').textContent = t('dashboard.updated', { time: formatTime(data.at) });
  renderAccount(data.account);
  renderProvider(data.provider);
}

function renderAccount(a) {
  $('account').hidden = !a;
  if (!a) return;
  $('account-heading').textContent = t('dashboard.accountHeading', { account: a.id });
  $('suspended').hidden = !a.suspended;
  $('periods').replaceChildren(period(t('dashboard.today'), a.today, 'today'), period(t('dashboard.month'), a.month, 'month'));
  $('held').textContent = formatNumber(a.held.items);
  $('held-sub').textContent = t('dashboard.heldSub', { messages: formatNumber(a.held.messages) });
  $('held-card').classList.toggle('warn', a.held.items > 0);
  $('queued').textContent = formatNumber(a.queued);
  $('rate').textContent = t('dashboard.rate', { rate: formatNumber(a.limits.messagesPerSecond) });
  const share = a.limits.monthlySegments ? a.monthSegments / a.limits.monthlySegments : 0;
  $('volume').textContent = percent.format(share);
  $('volume-bar').value = Math.min(1, share);
  $('volume-sub').textContent = t('dashboard.volumeSub', { used: formatNumber(a.monthSegments), limit: formatNumber(a.limits.monthlySegments) });
}

function period(title, p, id) {
  const rate = p.deliveryRate == null ? '—' : percent.format(p.deliveryRate);
  return el('div', { class: 'stat wide', id: `period-${id}` },
    el('h3', { text: title }),
    el('p', { class: 'big', text: formatNumber(p.messages) }),
    el('p', { class: 'sub', text: t('dashboard.messagesSub', { segments: formatNumber(p.segments), cost: kroner.format(p.costOre / 100) }) }),
    el('dl', { class: 'figures' },
      el('dt', { text: t('dashboard.deliveryRate') }), el('dd', { class: 'rate', text: rate }),
      el('dt', { text: t('dashboard.delivered') }), el('dd', { text: formatNumber(p.delivered) }),
      el('dt', { text: t('dashboard.failed') }), el('dd', { text: formatNumber(p.failed) }),
      el('dt', { text: t('dashboard.pending') }), el('dd', { text: formatNumber(p.pending) }),
      el('dt', { text: t('dashboard.heldNow') }), el('dd', { text: formatNumber(p.held) })));
}

function renderProvider(p) {
  $('provider').hidden = !p;
  if (!p) return;
  $('node').textContent = t('dashboard.node', { node: p.node, cluster: p.cluster === 'up' ? t('dashboard.up') : p.cluster, members: formatNumber(p.members) });
  $('alerts').replaceChildren(...p.alerts.map((a) => el('li', { class: 'alert', text: t(`dashboard.alert.${a.kind}`, { subject: a.subject }) })));
  $('bind-rows').replaceChildren(...p.binds.map((b) => el('tr', { 'data-bind': b.name },
    el('td', { text: b.name }),
    el('td', { text: operatorName(b.operator) }),
    el('td', {}, el('span', { class: `state ${b.up ? 'up' : 'down'}`, text: t(b.up ? 'dashboard.up' : 'dashboard.down', { state: b.state }) })),
    el('td', { class: 'num', text: formatNumber(b.waiting) }))));
  labelCells($('bind-rows'));
  $('throughput-empty').hidden = p.throughput.length > 0;
  $('throughput-rows').replaceChildren(...p.throughput.map((o) => el('tr', { 'data-operator': o.operator },
    el('td', { text: operatorName(o.operator) }),
    el('td', { class: 'num', text: formatNumber(o.submitted) }),
    el('td', { class: 'num', text: formatNumber(o.submittedPerSecond) }),
    el('td', { class: 'num', text: formatNumber(o.peakPerSecond) }),
    el('td', { class: 'num', text: formatNumber(o.delivered) }),
    el('td', { class: 'num', text: formatNumber(o.failed) }))));
  labelCells($('throughput-rows'));
}

function operatorName(o) {
  return { telenor: 'Telenor', telia: 'Telia', ice: 'Ice' }[o] ?? o;
}
