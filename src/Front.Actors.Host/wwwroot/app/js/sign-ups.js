// Sign-ups by SMS: the account's sign-up keywords (GET /accounts/{id}/sign-up-rules), each with its QR code (SVG shown,
// SVG and PNG to download, a print of that code alone), a form to add one or change its confirmation, a second press
// to remove one, and who signed up and left, a page at a time as the API gives it.
import { api } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells, twoStep } from './page.js';
import { clearErrors, showApiErrors } from './field-errors.js';
import { formatDateTime, formatPhone } from './format.js';

const $ = (id) => document.getElementById(id);
const pageSize = 50;
let account = null;
let rules = [];
let keywords = [];
let groupNames = new Map();
const list = { cursors: [null], index: 0, next: null, items: [] };

document.addEventListener('front:lang', () => { renderRules(); renderForm(); renderList(); });
window.addEventListener('afterprint', () => { for (const card of document.querySelectorAll('.qr-card.printing')) card.classList.remove('printing'); document.body.classList.remove('printing-one'); });
start();

async function start() {
  const me = await startPage('signUps');
  if (!me) return;
  $('next').addEventListener('click', () => turn(+1));
  $('previous').addEventListener('click', () => turn(-1));
  $('rule-form').addEventListener('submit', saveRule);
  try {
    account = (await api('GET', '/api/v1/account')).id;
    const groups = await api('GET', '/api/v1/groups?limit=1000');
    groupNames = new Map(groups.items.map((g) => [g.id, g.name]));
    await readRules();
  } catch (error) { fail(error); }
  renderRules();
  renderForm();
  if (account) await readPage();
}

const rulesPath = () => `/api/v1/accounts/${encodeURIComponent(account)}/sign-up-rules`;

async function readRules() {
  const found = await api('GET', rulesPath());
  rules = found.items;
  keywords = found.keywords;
}

/** The form's choices: the account's keywords and groups (kept as chosen when the language changes). */
function renderForm() {
  const form = $('rule-form');
  form.hidden = keywords.length === 0;
  $('no-keywords').hidden = keywords.length > 0 || !account;
  const keep = (select, options) => {
    const chosen = select.value;
    select.replaceChildren(...options);
    if (chosen) select.value = chosen;
  };
  keep($('r-keyword'), keywords.map((k) => el('option', { value: `${k.shortNumber} ${k.keyword}`, text: t('signUps.keywordOn', { keyword: k.keyword, number: k.shortNumber }) })));
  keep($('r-group'), [...groupNames].sort((a, b) => a[1].localeCompare(b[1], 'nb')).map(([id, name]) => el('option', { value: id, text: name })));
}

async function saveRule(event) {
  event.preventDefault();
  const form = $('rule-form');
  clearErrors(form);
  $('rule-note').textContent = '';
  const [shortNumber, keyword] = $('r-keyword').value.split(' ');
  const reply = $('r-reply').value.trim();
  const body = { shortNumber, keyword, subKeyword: $('r-sub').value.trim() || null, groupId: $('r-group').value || null, reply: reply || null };
  try {
    const saved = await api('POST', rulesPath(), body);
    await readRules();
    renderRules();
    $('r-sub').value = '';
    $('r-reply').value = '';
    $('rule-heading').textContent = t('signUps.add');
    $('rule-note').textContent = t('signUps.savedNote', { text: saved.text, group: saved.groupName ?? saved.groupId });
  } catch (error) {
    showApiErrors(form, error, reasonOf(error), (field) => (field === 'shortNumber' ? 'keyword' : field));
  }
}

/** Fills the form with a sign-up, to change its confirmation (saving the same keyword and group replaces it). */
function edit(rule) {
  $('r-keyword').value = `${rule.shortNumber} ${rule.keyword}`;
  $('r-sub').value = rule.subKeyword ?? '';
  $('r-group').value = rule.groupId;
  $('r-reply').value = rule.reply ?? '';
  $('rule-heading').textContent = t('signUps.editOf', { text: rule.text, group: rule.groupName ?? rule.groupId });
  $('r-reply').focus();
}

async function remove(rule) {
  $('rule-note').textContent = '';
  const query = new URLSearchParams({ shortNumber: rule.shortNumber, keyword: rule.keyword, groupId: rule.groupId });
  if (rule.subKeyword) query.set('subKeyword', rule.subKeyword);
  try {
    await api('DELETE', `${rulesPath()}?${query}`);
    await readRules();
    renderRules();
    $('rule-note').textContent = t('signUps.removedNote', { text: rule.text, group: rule.groupName ?? rule.groupId });
    $('r-keyword').focus();
  } catch (error) { fail(error); }
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
      el('p', { class: 'sub wrap', text: rule.reply ? t('signUps.confirmation', { reply: rule.reply }) : t('signUps.defaultConfirmation') }),
      el('p', { class: 'row no-print' },
        el('a', { href: qr(rule, 'svg'), download: fileName(rule, 'svg'), text: t('signUps.downloadSvg'), 'aria-label': t('signUps.downloadOf', { kind: 'SVG', text: rule.text }) }),
        el('a', { href: qr(rule, 'png'), download: fileName(rule, 'png'), text: t('signUps.downloadPng'), 'aria-label': t('signUps.downloadOf', { kind: 'PNG', text: rule.text }) })),
      el('p', { class: 'row no-print' },
        el('button', { type: 'button', text: t('signUps.print'), 'aria-label': t('signUps.printOf', { text: rule.text }), onclick: () => print(card) }),
        el('button', { type: 'button', text: t('signUps.edit'), 'aria-label': t('signUps.editOf', { text: rule.text, group: rule.groupName ?? rule.groupId }), onclick: () => edit(rule) }),
        twoStep(t('signUps.remove'), t('signUps.removeConfirm'), () => remove(rule), undefined, t('signUps.removeOf', { text: rule.text, group: rule.groupName ?? rule.groupId }))));
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
