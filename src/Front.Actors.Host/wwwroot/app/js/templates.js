// The account's message templates: listed in the account's order (hidden ones on request), created, edited, hidden and
// shown again, moved up or down, deleted (a used one is hidden instead), and previewed (POST /templates/preview) as a
// sample contact gets the text and as the costliest recipient of a group does, with encoding and SMS parts. The
// campaigns page picks a template instead of a text.
import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { startPage, reasonOf, el, labelCells, twoStep } from './page.js';
import { clearErrors, showApiErrors } from './field-errors.js';
import { formatNumber, formatPhone } from './format.js';
import { analyze } from './segments.js';

const $ = (id) => document.getElementById(id);
let templates = [];
let groups = [];
let editing = null; // the template being edited, or null for a new one
let shown = null; // the last preview, drawn again in the other language

document.addEventListener('front:lang', () => { render(); showCounter(); showEditing(); renderGroups(); showPreview(); });
start();

async function start() {
  const me = await startPage('templates');
  if (!me) return;
  $('show-hidden').addEventListener('change', load);
  $('editor').addEventListener('submit', save);
  $('cancel-edit').addEventListener('click', () => edit(null));
  $('m-text').addEventListener('input', showCounter);
  $('preview-form').addEventListener('submit', preview);
  showCounter();
  await Promise.all([load(), loadGroups()]);
}

function fail(error) {
  $('error').textContent = reasonOf(error);
  $('error').hidden = !$('error').textContent;
}

function problem(form, error) {
  showApiErrors(form, error, reasonOf(error));
}

async function load() {
  try {
    templates = (await api('GET', `/api/v1/templates?includeHidden=${$('show-hidden').checked}`)).items;
    $('error').hidden = true;
  } catch (error) { fail(error); }
  render();
}

async function loadGroups() {
  try { groups = (await api('GET', '/api/v1/groups')).items; } catch (error) { fail(error); }
  renderGroups();
}

function renderGroups() {
  const chosen = $('p-group').value;
  $('p-group').replaceChildren(el('option', { value: '', text: t('templates.noGroup') }),
    ...groups.map((g) => el('option', { value: g.id, text: `${g.name} (${formatNumber(g.members)})` })));
  $('p-group').value = chosen;
}

function render() {
  $('empty').hidden = templates.length > 0;
  $('rows').replaceChildren(...templates.map((m, i) => el('tr', { 'data-template': m.id, 'data-hidden': String(m.hidden) },
    el('th', { scope: 'row', text: m.name }),
    el('td', { class: 'wrap', text: m.text }),
    el('td', { text: m.fields.length ? m.fields.join(', ') : '–' }),
    el('td', { text: [t(m.hidden ? 'templates.hidden' : 'templates.visible'), m.used ? t('templates.used') : null].filter(Boolean).join(' · ') }),
    el('td', { class: 'actions' }, el('div', { class: 'buttons one-line' },
      el('button', { type: 'button', text: t('templates.edit'), 'aria-label': t('templates.editOf', { name: m.name }), onclick: () => edit(m) }),
      el('button', { type: 'button', text: t(m.hidden ? 'templates.show' : 'templates.hide'), 'aria-label': t(m.hidden ? 'templates.showOf' : 'templates.hideOf', { name: m.name }),
        onclick: () => setHidden(m, !m.hidden) }),
      el('button', { type: 'button', text: '↑', title: t('templates.moveUp'), 'aria-label': t('templates.moveUpOf', { name: m.name }), disabled: i === 0, onclick: () => move(i, -1) }),
      el('button', { type: 'button', text: '↓', title: t('templates.moveDown'), 'aria-label': t('templates.moveDownOf', { name: m.name }), disabled: i === templates.length - 1, onclick: () => move(i, 1) }),
      twoStep(t('templates.delete'), t('templates.confirmDelete'), () => remove(m), undefined, t('templates.deleteOf', { name: m.name })))))));
  labelCells($('rows'));
}

/** Moves a template one place in the list as shown: every template whose place changes is given its new one. */
async function move(index, by) {
  const order = [...templates];
  const [moved] = order.splice(index, 1);
  order.splice(index + by, 0, moved);
  try {
    for (const [position, m] of order.entries())
      if (m.position !== position)
        await api('PUT', `/api/v1/templates/${encodeURIComponent(m.id)}`, { position });
    await load();
    // Said once the list shows it.
    $('saved').textContent = t('templates.movedNote', { name: moved.name, position: formatNumber(index + by + 1) });
    document.querySelector(`#rows tr[data-template="${CSS.escape(moved.id)}"] button[aria-label="${CSS.escape(t(by < 0 ? 'templates.moveUpOf' : 'templates.moveDownOf', { name: moved.name }))}"]`)?.focus();
  } catch (error) { fail(error); }
}

/** Deletes a template; one a campaign has used is hidden instead (the API answers with it), and the note says so. */
async function remove(template) {
  try {
    const kept = await api('DELETE', `/api/v1/templates/${encodeURIComponent(template.id)}`);
    if (editing?.id === template.id) edit(null);
    await load();
    $('saved').textContent = t(kept ? 'templates.hiddenInsteadNote' : 'templates.deletedNote', { name: template.name });
  } catch (error) { fail(error); }
}

function showCounter() {
  const a = analyze($('m-text').value);
  $('m-counter').textContent = t('templates.counter', { characters: formatNumber(a.characters), segments: formatNumber(a.segments), encoding: a.encoding === 'gsm7' ? 'GSM' : 'Unicode' });
}

function edit(template) {
  editing = template;
  clearErrors($('editor'));
  $('saved').textContent = '';
  $('m-name').value = template?.name ?? '';
  $('m-text').value = template?.text ?? '';
  $('m-position').value = template ? String(template.position) : '';
  // A preview belongs to the text it was made of: another template (or a cleared editor after a save) starts without one.
  shown = null;
  $('preview').hidden = true;
  showEditing();
  showCounter();
  if (template) $('m-name').focus();
}

function showEditing() {
  $('edit-heading').textContent = editing ? t('templates.editing', { name: editing.name }) : t('templates.new');
  $('cancel-edit').hidden = !editing;
}

async function save(event) {
  event.preventDefault();
  const form = $('editor');
  clearErrors(form);
  $('saved').textContent = '';
  const position = $('m-position').value === '' ? null : Number($('m-position').value);
  const body = { name: $('m-name').value, text: $('m-text').value, position };
  try {
    const saved = editing ? await api('PUT', `/api/v1/templates/${encodeURIComponent(editing.id)}`, body) : await api('POST', '/api/v1/templates', body);
    edit(null);
    $('saved').textContent = t('templates.savedNote', { name: saved.name });
    await load();
  } catch (error) { problem(form, error); }
}

async function setHidden(template, hidden) {
  try {
    await api('PUT', `/api/v1/templates/${encodeURIComponent(template.id)}`, { hidden });
    await load();
  } catch (error) { fail(error); }
}

async function preview(event) {
  event.preventDefault();
  const form = $('preview-form');
  clearErrors(form);
  try {
    shown = await api('POST', '/api/v1/templates/preview', { text: $('m-text').value, groupIds: $('p-group').value ? [$('p-group').value] : [] });
    showPreview();
  } catch (error) {
    shown = null;
    $('preview').hidden = true;
    problem(form, error);
  }
}

function showPreview() {
  if (!shown) return;
  $('preview').hidden = false;
  for (const [id, r] of [['preview-sample', shown.sample], ['preview-worst', shown.worstCase]]) {
    const box = $(id);
    box.querySelector('[data-part=text]').textContent = r.text;
    box.dataset.segments = String(r.segments);
    box.querySelector('[data-part=meta]').textContent = [
      t('templates.cost', { characters: formatNumber(r.characters), segments: formatNumber(r.segments), encoding: r.encoding === 'gsm7' ? 'GSM' : 'Unicode' }),
      r.number ? t('templates.forContact', { number: formatPhone(r.number) }) : t('templates.noContact'),
      r.tooLong ? t('templates.tooLong') : null,
    ].filter(Boolean).join(' · ');
  }
  $('preview-worst').querySelector('h3').textContent = t('templates.worstOf', { audience: formatNumber(shown.audience) });
}
