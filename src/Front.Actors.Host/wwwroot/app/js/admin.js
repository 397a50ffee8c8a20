// The organization admin's page, for the account they administer: users and their roles, API keys (a new key shown
// once), sender names and numbers, keywords and their inbound rules, and how webhooks fared. Everything goes through
// the same /api/v1 endpoints an integration uses; what is on screen follows the address (?section=…).
import { api, ApiError, actFor } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells, twoStep } from './page.js';
import { formatFull, formatWhen, formatPhone, formatNumber } from './format.js';
import { clearErrors, showErrors, showApiErrors } from './field-errors.js';

const $ = (id) => document.getElementById(id);
const sections = ['users', 'keys', 'senders', 'numbers', 'webhooks'];
const roles = ['admin', 'marketer', 'agent'];
const ruleKinds = ['AutoReply', 'ForwardToNumber', 'Webhook'];
let account = null; // GET /api/v1/account: the account this admin acts for
let editing = null; // the number/keyword whose rules are being edited

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-section]');
  if (!a || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  history.pushState(null, '', address({ section: a.dataset.section }));
  show();
});
addEventListener('popstate', async () => { await chooseAccount(); show(); });
$('account-select').addEventListener('change', async () => {
  history.pushState(null, '', address({ account: $('account-select').value }));
  await chooseAccount();
  show();
});
document.addEventListener('front:lang', show);
$('user-form').addEventListener('submit', addUser);
$('key-form').addEventListener('submit', createKey);
$('copy-key').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText($('new-key-value').textContent); notice(t('admin.copied')); } catch { notice(t('admin.copyYourself')); }
});
$('keyword-form').addEventListener('submit', addKeyword);
$('rules-form').addEventListener('submit', saveRules);
$('add-rule').addEventListener('click', () => { addRuleRow({ kind: 'AutoReply', target: '' }); $('rule-editor').lastElementChild.querySelector('select').focus(); });
$('cancel-rules').addEventListener('click', () => { $('rules-form').hidden = true; editing = null; });

start();

let administered = []; // the accounts of the organization this person is an admin of (from /api/v1/web/me)
let accountNames = {}; // their names, by id

async function start() {
  const me = await startPage('admin');
  if (!me) return;
  administered = [...new Set((me.accountRoles ?? []).filter((r) => r.endsWith(':admin')).map((r) => r.slice(0, -':admin'.length)))].sort();
  accountNames = me.accountNames ?? {};
  $('account-select').replaceChildren(...administered.map((id) => el('option', { value: id, text: nameOf(id) })));
  $('account-single').hidden = administered.length > 1;
  $('account-choice').hidden = administered.length <= 1;
  await chooseAccount();
  show();
}

/** "Demo AS (demo)": the account's name with its id, or the id alone when it has no other name. */
function nameOf(id) {
  const name = accountNames[id];
  return name && name !== id ? `${name} (${id})` : id;
}

/** This page's address with the section and account as they are, or as given (the account is kept only when there is a choice). */
function address({ section: s = section(), account: a = new URLSearchParams(location.search).get('account') } = {}) {
  const query = new URLSearchParams({ section: s });
  if (a && administered.length > 1) query.set('account', a);
  return `?${query}`;
}

/** Acts for the account the address names (?account=), if this person administers it; else for their home account. */
async function chooseAccount() {
  const asked = new URLSearchParams(location.search).get('account');
  const chosen = administered.includes(asked) ? asked : null;
  if (asked && !chosen) history.replaceState(null, '', address({ account: '' })); // not theirs to choose: the home account
  actFor(chosen);
  try {
    account = await api('GET', '/api/v1/account');
  } catch (error) {
    account = null;
    return notice(reasonOf(error));
  }
  notice('');
  $('account-name').textContent = nameOf(account.id);
  $('account-select').value = account.id;
}

function section() {
  const s = new URLSearchParams(location.search).get('section');
  return sections.includes(s) ? s : 'users';
}

function show() {
  if (!account) return;
  const current = section();
  for (const a of document.querySelectorAll('a[data-section]')) {
    if (a.dataset.section === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.id !== current;
  ({ users: loadUsers, keys: loadKeys, senders: loadSenders, numbers: loadNumbers, webhooks: loadWebhooks })[current]();
}

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

// ---- users ----

function rolesOn(user) {
  const r = user.roles?.[account.id];
  return new Set(r == null ? [] : Array.isArray(r) ? r : [r]);
}

async function loadUsers() {
  let users;
  try { users = (await api('GET', '/api/v1/users')).items; } catch (error) { return notice(reasonOf(error)); }
  $('user-rows').replaceChildren(...users.map((u) => {
    const id = `user-${u.userName.replace(/[^a-z0-9]/gi, '-')}`;
    const held = rolesOn(u);
    const boxes = roles.map((r) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', value: r, checked: held.has(r), 'aria-describedby': id }), ' ', el('span', { text: t(`role.${r}`) })));
    const save = el('button', { type: 'button', text: t('admin.saveRoles'), 'aria-describedby': id, onclick: () => saveRoles(u, boxes) });
    return el('tr', { 'data-user': u.userName },
      el('td', {}, el('strong', { id, text: u.displayName }), el('br'), el('span', { class: 'muted', text: u.userName })),
      el('td', { text: u.mobile ? formatPhone(u.mobile) : '—' }),
      el('td', {}, el('div', { class: 'role-boxes' }, ...boxes)),
      el('td', {}, el('div', { class: 'row' }, save, twoStep(t('admin.remove'), t('admin.confirmRemove'), () => removeUser(u), id))));
  }));
  labelCells($('user-rows'));
}

async function saveRoles(user, boxes) {
  const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
  try {
    // The API replaces the roles on every account this admin administers: the others are sent back as they are.
    const roles = { ...(user.roles ?? {}) };
    if (chosen.length) roles[account.id] = chosen; else delete roles[account.id];
    await api('PUT', `/api/v1/users/${encodeURIComponent(user.userName)}/roles`, { roles });
    notice(t('admin.rolesSaved', { user: user.userName }));
    loadUsers();
  } catch (error) { notice(reasonOf(error)); }
}

async function removeUser(user) {
  try {
    await api('DELETE', `/api/v1/users/${encodeURIComponent(user.userName)}`);
    notice(t('admin.userRemoved', { user: user.userName }));
    loadUsers();
  } catch (error) { notice(reasonOf(error)); }
}

async function addUser(event) {
  event.preventDefault();
  const form = $('user-form');
  clearErrors(form);
  const data = new FormData(form);
  const chosen = data.getAll('role');
  if (!chosen.length) return showErrors(form, { roles: t('admin.pickRole') });
  const body = {
    userName: data.get('userName').trim(), displayName: data.get('displayName').trim() || undefined, password: data.get('password'),
    mobile: data.get('mobile').trim() || undefined, roles: { [account.id]: chosen },
  };
  try {
    await api('POST', '/api/v1/users', body);
    form.reset();
    notice(t('admin.userAdded', { user: body.userName }));
    loadUsers();
  } catch (error) { fieldErrors(form, error); }
}

function fieldErrors(form, error) {
  showApiErrors(form, error, reasonOf(error));
}

// ---- API keys ----

async function loadKeys() {
  let keys;
  try { keys = (await api('GET', `/api/v1/accounts/${encodeURIComponent(account.id)}/keys`)).items; } catch (error) { return notice(reasonOf(error)); }
  $('key-rows').replaceChildren(...keys.map((k) => {
    const id = `key-${k.id}`;
    return el('tr', { 'data-key': k.id, class: k.revokedAt ? 'revoked' : null },
      el('td', {}, el('strong', { id, text: k.name }), el('br'), el('code', { class: 'muted', text: k.id })),
      el('td', { text: k.allowedIps?.length ? k.allowedIps.join(', ') : t('admin.anywhere') }),
      el('td', {}, when(k.createdAt)),
      el('td', {}, k.lastUsedAt ? when(k.lastUsedAt) : t('admin.never')),
      el('td', { text: k.revokedAt ? t('admin.revokedAt', { at: formatWhen(k.revokedAt) }) : t('admin.active') }),
      el('td', {}, k.revokedAt ? '' : twoStep(t('admin.revoke'), t('admin.confirmRevoke'), () => revokeKey(k), id)));
  }));
  labelCells($('key-rows'));
}

function when(at) {
  return el('time', { dateTime: at, title: formatFull(at), text: formatWhen(at) });
}

async function createKey(event) {
  event.preventDefault();
  const form = $('key-form');
  clearErrors(form);
  const name = $('key-name').value.trim();
  if (!name) return showErrors(form, { name: t('signIn.required') });
  const allowedIps = $('key-ips').value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  try {
    const created = await api('POST', `/api/v1/accounts/${encodeURIComponent(account.id)}/keys`, { name, allowedIps });
    form.reset();
    $('new-key-value').textContent = created.key;
    $('new-key').hidden = false;
    loadKeys();
  } catch (error) { fieldErrors(form, error); }
}

async function revokeKey(key) {
  try {
    await api('DELETE', `/api/v1/accounts/${encodeURIComponent(account.id)}/keys/${encodeURIComponent(key.id)}`);
    notice(t('admin.keyRevoked', { name: key.name }));
    loadKeys();
  } catch (error) { notice(reasonOf(error)); }
}

// ---- senders ----

async function loadSenders() {
  let senders = [];
  try { senders = (await api('GET', `/api/v1/accounts/${encodeURIComponent(account.id)}/senders`)).senders; } catch (error) { notice(reasonOf(error)); }
  $('sender-list').replaceChildren(...(senders.length ? senders.map((s) => el('li', { text: s.name })) : [el('li', { class: 'none', text: t('admin.noneYet') })]));
  const numbers = [...account.numbers.map(formatPhone), ...account.keywords.map((k) => t('admin.keywordOn', { keyword: k.keyword, number: k.shortNumber }))];
  $('number-list').replaceChildren(...(numbers.length ? numbers.map((n) => el('li', { text: n })) : [el('li', { class: 'none', text: t('admin.noneYet') })]));
}

// ---- numbers, keywords and rules ----

async function loadNumbers() {
  let items;
  try { items = (await api('GET', '/api/v1/rules')).items; } catch (error) { return notice(reasonOf(error)); }
  $('rule-rows').replaceChildren(...items.map((item, index) => {
    const id = `rules-${index}`;
    const name = item.keyword ? `${item.keyword}${item.subKeyword ? ` ${item.subKeyword}` : ''}` : t('admin.wholeNumber');
    const actions = el('div', { class: 'row' },
      el('button', { type: 'button', text: t('admin.editRules'), 'aria-describedby': id, onclick: () => editRules(item) }));
    if (item.keyword && !item.subKeyword) actions.append(twoStep(t('admin.releaseKeyword'), t('admin.confirmRelease'), () => releaseKeyword(item), id));
    return el('tr', {},
      el('td', { text: formatPhone(item.number) }),
      el('td', {}, el('strong', { id, text: name })),
      el('td', {}, item.rules.length ? el('ol', { class: 'rules' }, ...item.rules.map((r) => el('li', { text: ruleText(r) }))) : el('span', { class: 'muted', text: t('admin.noRules') })),
      el('td', {}, actions));
  }));
  labelCells($('rule-rows'));
}

function ruleText(r) {
  return t(`rule.kind.${r.kind}`) + ': ' + (r.kind === 'ForwardToNumber' ? formatPhone(r.target) : r.target) + (r.hasSecret ? ` (${t('admin.signed')})` : '');
}

function editRules(item) {
  editing = item;
  clearErrors($('rules-form'));
  $('rules-heading').textContent = t('admin.rulesFor', { target: item.keyword ? `${item.keyword}${item.subKeyword ? ` ${item.subKeyword}` : ''} / ${item.number}` : formatPhone(item.number) });
  $('rule-editor').replaceChildren();
  for (const r of item.rules) addRuleRow(r);
  $('rules-form').hidden = false;
  ($('rule-editor').querySelector('select') ?? $('add-rule')).focus();
}

function addRuleRow(rule) {
  const i = $('rule-editor').children.length;
  const kind = el('select', { id: `rule-${i}-kind`, name: `rules[${i}].kind` }, ...ruleKinds.map((k) => el('option', { value: k, text: t(`rule.kind.${k}`), selected: k === rule.kind })));
  const targetLabel = el('label', { for: `rule-${i}-target` });
  const target = el('input', { id: `rule-${i}-target`, name: `rules[${i}].target`, value: rule.target ?? '', autocomplete: 'off', 'aria-describedby': `rule-${i}-error` });
  const secretField = el('div', { class: 'field' }, el('label', { for: `rule-${i}-secret`, text: t('admin.secret') }),
    el('input', { id: `rule-${i}-secret`, name: `rules[${i}].secret`, type: 'password', autocomplete: 'off' }));
  const relabel = () => { targetLabel.textContent = t(`rule.target.${kind.value}`); secretField.hidden = kind.value !== 'Webhook'; };
  kind.addEventListener('change', relabel);
  relabel();
  const li = el('li', { class: 'rule-row' },
    el('div', { class: 'field' }, el('label', { for: `rule-${i}-kind`, text: t('admin.ruleKind') }), kind),
    el('div', { class: 'field grow' }, targetLabel, target),
    secretField,
    el('button', { type: 'button', class: 'link', text: t('admin.removeRule'), onclick: () => { li.remove(); } }),
    el('p', { class: 'error', id: `rule-${i}-error`, 'data-error-for': `rules[${i}].target`, hidden: true }));
  $('rule-editor').append(li);
}

async function saveRules(event) {
  event.preventDefault();
  const form = $('rules-form');
  clearErrors(form);
  const rules = [...$('rule-editor').children].map((li) => {
    const [kind, target, secret] = ['kind', 'target', 'secret'].map((f) => li.querySelector(`[name$=".${f}"]`)?.value ?? '');
    return kind === 'Webhook' ? { kind, target: target.trim(), secret: secret || undefined } : { kind, target: target.trim() };
  });
  try {
    await api('PUT', '/api/v1/rules', { number: editing.number, keyword: editing.keyword ?? undefined, subKeyword: editing.subKeyword ?? undefined, rules });
    form.hidden = true;
    notice(t('admin.rulesSaved'));
    loadNumbers();
  } catch (error) { fieldErrors(form, error); }
}

async function addKeyword(event) {
  event.preventDefault();
  const form = $('keyword-form');
  clearErrors(form);
  const shortNumber = $('kw-number').value.trim();
  const keyword = $('kw-keyword').value.trim();
  try {
    await api('POST', '/api/v1/keywords', { shortNumber, keyword });
    form.reset();
    notice(t('admin.keywordAdded', { keyword: keyword.toUpperCase(), number: shortNumber }));
    account = await api('GET', '/api/v1/account');
    loadNumbers();
  } catch (error) { fieldErrors(form, error); }
}

async function releaseKeyword(item) {
  try {
    await api('DELETE', `/api/v1/keywords/${encodeURIComponent(item.number)}/${encodeURIComponent(item.keyword)}`);
    notice(t('admin.keywordReleased', { keyword: item.keyword }));
    account = await api('GET', '/api/v1/account');
    loadNumbers();
  } catch (error) { notice(reasonOf(error)); }
}

// ---- webhooks ----

async function loadWebhooks() {
  let items;
  try { items = (await api('GET', '/api/v1/webhooks/deliveries')).items; } catch (error) { return notice(reasonOf(error)); }
  $('webhooks-empty').hidden = items.length > 0;
  $('webhook-rows').replaceChildren(...items.map((w) => el('tr', { 'data-status': w.status },
    el('td', { class: 'wrap', text: w.url }),
    el('td', { text: t(`webhook.${w.status}`) }),
    el('td', { class: 'num', text: formatNumber(w.attempts) }),
    el('td', { text: w.lastError ?? '—' }),
    el('td', {}, when(w.updatedAt ?? w.createdAt)))));
  labelCells($('webhook-rows'));
}
