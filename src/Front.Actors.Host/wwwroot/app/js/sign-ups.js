// Sign-ups by SMS: the account's sign-up keywords (GET /accounts/{id}/sign-up-rules), each with its QR code (SVG shown,
// SVG and PNG to download, a print of that code alone), and who signed up and left, a page at a time as the API gives it.
import { api } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells } from './page.js';
import { formatDateTime, formatPhone } from './format.js';

const $ = (id) => document.getElementById(id);
const pageSize = 50;
let account = null;
let rules = [];
let groupNames = new Map();
const list = { cursors: [null], index: 0, next: null, items: [] };

document.addEventListener('front:lang', () => { renderRules(); renderList(); });
window.addEventListener('afterprint', () => { for (const card of document.querySelectorAll('.qr-card.printing')) card.classList.remove('printing'); document.body.classList.remove('printing-one'); });
start();

async function start() {
  const me = await startPage('signUps');
  if (!me) return;
  $('next').addEventListener('click', () => turn(+1));
  $('previous').addEventListener('click', () => turn(-1));
  try {
    account = (await api('GET', '/api/v1/account')).id;
    const [found, groups] = await Promise.all([
      api('GET', `/api/v1/accounts/${encodeURIComponent(account)}/sign-up-rules`),
      api('GET', '/api/v1/groups?limit=1000'),
    ]);
    rules = found.items;
    groupNames = new Map(groups.items.map((g) => [g.id, g.name]));
  } catch (error) { fail(error); }
  renderRules();
  if (account) await readPage();
}

function fail(error) {
  $('error').textContent = reasonOf(error);
  $('error').hidden = !$('error').textContent;
}

const qr = (rule, kind) => `/api/v1/keywords/${encodeURIComponent(rule.shortNumber)}/${encodeURIComponent(rule.keyword)}/qr.${kind}?text=${encodeURIComponent(rule.text)}`;
const fileName = (rule, kind) => `${rule.text.replace(/\s+/g, '-')}-${rule.shortNumber}.${kind}`;

function renderRules() {
  $('rules-empty').hidden = rules.length > 0;
  $('rules').replaceChildren(...rules.map((rule) => {
    const card = el('li', { class: 'qr-card', 'data-keyword': rule.text });
    const heading = t('signUps.send', { text: rule.text, number: rule.shortNumber });
    card.append(
      el('h3', { text: heading }),
      el('p', { class: 'sub', text: t('signUps.joins', { group: rule.groupName ?? rule.groupId }) }),
      el('img', { src: qr(rule, 'svg'), width: '200', height: '200', alt: t('signUps.qrAlt', { text: rule.text, number: rule.shortNumber }) }),
      el('p', { class: 'row no-print' },
        el('a', { href: qr(rule, 'svg'), download: fileName(rule, 'svg'), text: t('signUps.downloadSvg'), 'aria-label': t('signUps.downloadOf', { kind: 'SVG', text: rule.text }) }),
        el('a', { href: qr(rule, 'png'), download: fileName(rule, 'png'), text: t('signUps.downloadPng'), 'aria-label': t('signUps.downloadOf', { kind: 'PNG', text: rule.text }) }),
        el('button', { type: 'button', text: t('signUps.print'), 'aria-label': t('signUps.printOf', { text: rule.text }), onclick: () => print(card) })));
    return card;
  }));
}

/** Prints one card: the page's print style shows only the card marked for it. */
function print(card) {
  document.body.classList.add('printing-one');
  card.classList.add('printing');
  window.print();
}

async function turn(step) {
  if (step > 0 && !list.next) return;
  if (step > 0) { list.cursors[list.index + 1] = list.next; list.index += 1; } else if (list.index > 0) list.index -= 1;
  await readPage();
}

async function readPage() {
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (list.cursors[list.index]) query.set('after', list.cursors[list.index]);
  try {
    const page = await api('GET', `/api/v1/accounts/${encodeURIComponent(account)}/sign-ups?${query}`);
    list.items = page.items;
    list.next = page.next;
  } catch (error) { fail(error); }
  renderList();
}

function renderList() {
  $('empty').hidden = list.items.length > 0;
  $('previous').disabled = list.index === 0;
  $('next').disabled = !list.next;
  $('page').textContent = t('contacts.page', { page: list.index + 1 });
  $('rows').replaceChildren(...list.items.map((s) => el('tr', { 'data-sign-up': s.id },
    el('td', {}, el('time', { datetime: s.joinedAt, text: formatDateTime(s.joinedAt) })),
    el('td', { text: formatPhone(s.number) }),
    el('td', { class: 'wrap', text: t('signUps.sentTo', { text: s.text, number: s.ourNumber }) }),
    el('td', { text: groupNames.get(s.groupId) ?? s.groupId }),
    el('td', { text: s.left ? t('signUps.leftAt', { at: formatDateTime(s.left.at), text: s.left.text ?? '' }) : '–' }))));
  labelCells($('rows'));
}
