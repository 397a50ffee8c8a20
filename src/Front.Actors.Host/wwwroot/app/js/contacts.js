// The account's contacts and groups: the groups with their member counts, a group's members a page at a time (searched
// by number or name), all contacts searched the same way, and one contact's groups: added to one, taken out of one, or
// deleted after a confirmation. Pages follow the API's cursors: "next" is the cursor it gave, "previous" the one before.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells } from './page.js';
import { clearErrors, showApiErrors } from './field-errors.js';
import { formatNumber, formatPhone } from './format.js';

const $ = (id) => document.getElementById(id);
const pageSize = 25;
let groups = [];
let groupsNext = null;
let openGroup = null; // the group whose members show
let contact = null; // the contact whose groups show

/** A cursor-paged list: the cursors of the pages seen so far (null: the first), the page shown and the API's next. */
function pager(path, render) {
  return { path, render, cursors: [null], index: 0, next: null, q: '', items: [] };
}
const members = pager(() => `/api/v1/groups/${encodeURIComponent(openGroup.id)}/members`, renderMembers);
const contacts = pager(() => '/api/v1/contacts', renderContacts);

document.addEventListener('front:lang', () => { renderGroups(); renderMembers(); renderContacts(); showGroupHeading(); showContact(); });
start();

async function start() {
  const me = await startPage('contacts');
  if (!me) return;
  $('groups-more').addEventListener('click', () => loadGroups(true));
  $('member-search').addEventListener('submit', (e) => { e.preventDefault(); search(members, $('member-q').value); });
  $('contact-search').addEventListener('submit', (e) => { e.preventDefault(); search(contacts, $('contact-q').value); });
  for (const [list, name] of [[members, 'members'], [contacts, 'contacts']]) {
    $(`${name}-next`).addEventListener('click', () => turn(list, +1));
    $(`${name}-previous`).addEventListener('click', () => turn(list, -1));
  }
  $('add-form').addEventListener('submit', addToGroup);
  $('delete').addEventListener('click', () => confirmDelete(true));
  $('confirm-no').addEventListener('click', () => confirmDelete(false));
  $('confirm-yes').addEventListener('click', deleteContact);
  await Promise.all([loadGroups(false), readPage(contacts)]);
  const wanted = new URLSearchParams(location.search).get('group');
  if (wanted && groups.some((g) => g.id === wanted)) await open(groups.find((g) => g.id === wanted), false);
}

function fail(error) {
  $('error').textContent = reasonOf(error);
  $('error').hidden = !$('error').textContent;
}

function say(text) { $('done').textContent = text; }

async function loadGroups(more) {
  try {
    const page = await api('GET', `/api/v1/groups?limit=100${more && groupsNext ? `&after=${encodeURIComponent(groupsNext)}` : ''}`);
    groups = more ? [...groups, ...page.items] : page.items;
    groupsNext = page.next;
    $('error').hidden = true;
  } catch (error) { fail(error); }
  renderGroups();
}

function renderGroups() {
  $('groups-empty').hidden = groups.length > 0;
  $('groups-more').hidden = !groupsNext;
  $('group-rows').replaceChildren(...groups.map((g) => el('tr', { 'data-group': g.id },
    el('th', { scope: 'row', text: g.name }),
    el('td', { class: 'num', text: formatNumber(g.members) }),
    el('td', { class: 'actions' }, el('button', { type: 'button', text: t('contacts.open'), 'aria-label': t('contacts.openOf', { name: g.name }), onclick: () => open(g, true) })))));
  labelCells($('group-rows'));
  renderAddGroups();
}

async function open(group, focus) {
  openGroup = group;
  history.replaceState(null, '', `?group=${encodeURIComponent(group.id)}`);
  $('group').hidden = false;
  $('member-q').value = '';
  showGroupHeading();
  await search(members, '');
  if (focus) $('member-q').focus();
}

function showGroupHeading() {
  if (openGroup) $('group-heading').textContent = t('contacts.membersOf', { name: openGroup.name, count: formatNumber(openGroup.members) });
}

async function search(list, q) {
  list.q = q.trim();
  list.cursors = [null];
  list.index = 0;
  await readPage(list);
}

async function turn(list, step) {
  if (step > 0 && !list.next) return;
  if (step > 0) { list.cursors[list.index + 1] = list.next; list.index += 1; } else if (list.index > 0) list.index -= 1;
  await readPage(list);
}

async function readPage(list) {
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (list.q) query.set('q', list.q);
  if (list.cursors[list.index]) query.set('after', list.cursors[list.index]);
  try {
    const page = await api('GET', `${list.path()}?${query}`);
    list.items = page.items;
    list.next = page.next;
    $('error').hidden = true;
  } catch (error) { fail(error); }
  list.render();
}

function pagerState(list, name) {
  $(`${name}-empty`).hidden = list.items.length > 0;
  $(`${name}-previous`).disabled = list.index === 0;
  $(`${name}-next`).disabled = !list.next;
  $(`${name}-page`).textContent = t('contacts.page', { page: list.index + 1 });
}

const nameOf = (c) => c.name ?? [c.firstName, c.lastName].filter(Boolean).join(' ');

function renderMembers() {
  pagerState(members, 'members');
  $('member-rows').replaceChildren(...members.items.map((c) => el('tr', { 'data-contact': c.id },
    el('th', { scope: 'row', text: formatPhone(c.number) }),
    el('td', { text: nameOf(c) || '–' }),
    el('td', { class: 'actions' }, el('div', { class: 'buttons' },
      el('button', { type: 'button', text: t('contacts.details'), 'aria-label': t('contacts.detailsOf', { number: formatPhone(c.number) }), onclick: () => show(c) }),
      el('button', { type: 'button', text: t('contacts.remove'), 'aria-label': t('contacts.removeOf', { number: formatPhone(c.number), group: openGroup?.name ?? '' }),
        onclick: () => removeFromGroup(c, openGroup) }))))));
  labelCells($('member-rows'));
}

function renderContacts() {
  pagerState(contacts, 'contacts');
  $('contact-rows').replaceChildren(...contacts.items.map((c) => el('tr', { 'data-contact': c.id },
    el('th', { scope: 'row', text: formatPhone(c.number) }),
    el('td', { text: nameOf(c) || '–' }),
    el('td', { class: 'actions' },
      el('button', { type: 'button', text: t('contacts.details'), 'aria-label': t('contacts.detailsOf', { number: formatPhone(c.number) }), onclick: () => show(c) })))));
  labelCells($('contact-rows'));
}

async function show(c) {
  try {
    contact = await api('GET', `/api/v1/contacts/${encodeURIComponent(c.id)}`);
  } catch (error) { fail(error); return; }
  $('contact').hidden = false;
  $('confirm').hidden = true;
  clearErrors($('add-form'));
  showContact();
  $('contact-heading').focus();
}

function showContact() {
  if (!contact) return;
  const name = nameOf(contact);
  $('contact-heading').textContent = name ? `${name} (${formatPhone(contact.number)})` : formatPhone(contact.number);
  const mine = (contact.groups ?? []).map((id) => groups.find((g) => g.id === id)).filter(Boolean);
  $('contact-groups').replaceChildren(mine.length
    ? el('span', {}, `${t('contacts.inGroups')} `, ...mine.flatMap((g, i) => [i ? ', ' : '', el('span', { class: 'group-name', text: g.name }), ' ',
      el('button', { type: 'button', class: 'link', text: t('contacts.remove'), 'aria-label': t('contacts.removeOf', { number: formatPhone(contact.number), group: g.name }),
        onclick: () => removeFromGroup(contact, g) })]))
    : el('span', { text: t('contacts.inNoGroup') }));
  $('confirm-text').textContent = t('contacts.confirmText', { contact: name || formatPhone(contact.number) });
  renderAddGroups();
}

function renderAddGroups() {
  const have = new Set(contact?.groups ?? []);
  $('add-group').replaceChildren(...groups.filter((g) => !have.has(g.id)).map((g) => el('option', { value: g.id, text: g.name })));
}

async function refresh() {
  await loadGroups(false);
  if (openGroup) { openGroup = groups.find((g) => g.id === openGroup.id) ?? null; $('group').hidden = !openGroup; showGroupHeading(); if (openGroup) await readPage(members); }
  await readPage(contacts);
  if (contact) contact = await api('GET', `/api/v1/contacts/${encodeURIComponent(contact.id)}`).catch(() => null);
  $('contact').hidden = !contact;
  showContact();
}

async function addToGroup(event) {
  event.preventDefault();
  const form = $('add-form');
  clearErrors(form);
  const group = groups.find((g) => g.id === $('add-group').value);
  if (!contact || !group) return;
  try {
    await api('POST', `/api/v1/groups/${encodeURIComponent(group.id)}/members`, { contactIds: [contact.id] });
    say(t('contacts.added', { number: formatPhone(contact.number), group: group.name }));
    await refresh();
  } catch (error) {
    showApiErrors(form, error, reasonOf(error));
  }
}

async function removeFromGroup(c, group) {
  try {
    await api('DELETE', `/api/v1/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(c.id)}`);
    say(t('contacts.removed', { number: formatPhone(c.number), group: group.name }));
    await refresh();
  } catch (error) { fail(error); }
}

function confirmDelete(asking) {
  $('confirm').hidden = !asking;
  (asking ? $('confirm-no') : $('delete')).focus();
}

async function deleteContact() {
  const gone = contact;
  try {
    await api('DELETE', `/api/v1/contacts/${encodeURIComponent(gone.id)}`);
    contact = null;
    say(t('contacts.deleted', { number: formatPhone(gone.number) }));
    await refresh();
    $('contact-q').focus();
  } catch (error) { fail(error); }
}
