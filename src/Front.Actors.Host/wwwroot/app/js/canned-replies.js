// Canned replies: typing "/" at the start of the reply box or after a space opens the account's templates (rendered for
// this contact by the server), filtered by what follows the "/". Arrow keys choose, Enter or Tab inserts, Esc closes.
// The list is a listbox the text box points into with aria-activedescendant, so a screen reader follows the choice.
import { t } from './i18n.js';

export class CannedReplies {
  #items = [];
  #shown = [];
  #active = 0;
  #start = -1; // where the "/" is in the text
  #loadedFor = null;

  /** load(conversationId) → [{ id, name, text }]; onInsert() after a reply was put in the box. */
  constructor({ textarea, listbox, status, load, onInsert }) {
    Object.assign(this, { textarea, listbox, status, load, onInsert });
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', listbox.id);
    textarea.addEventListener('input', () => this.#update());
    textarea.addEventListener('click', () => this.#update());
    textarea.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    // Capture, so the reply box's Enter-sends does not see an Enter that picks a template.
    textarea.addEventListener('keydown', (event) => this.#key(event), { capture: true });
    listbox.addEventListener('mousedown', (event) => event.preventDefault()); // keep the focus in the text box
    listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[role=option]');
      if (option) this.#insert(Number(option.dataset.index));
    });
  }

  /** The thread changed: its account's templates are read again on the next "/". */
  reset(conversationId) {
    this.close();
    if (this.#loadedFor !== conversationId) { this.#items = []; this.#loadedFor = null; }
    this.conversationId = conversationId;
  }

  get open() { return !this.listbox.hidden; }

  close() {
    this.listbox.hidden = true;
    this.#start = -1;
    this.textarea.removeAttribute('aria-activedescendant');
  }

  async #update() {
    const { value, selectionStart } = this.textarea;
    const before = value.slice(0, selectionStart);
    const match = /(^|\s)\/([^\s/]*)$/.exec(before);
    if (!match) return this.close();
    this.#start = selectionStart - match[2].length - 1;
    const query = match[2].toLocaleLowerCase('nb');
    if (this.#loadedFor !== this.conversationId) {
      const id = this.conversationId;
      try { this.#items = await this.load(id); } catch { this.#items = []; }
      this.#loadedFor = id;
      if (id !== this.conversationId) return;
    }
    this.#shown = this.#items.filter((i) => i.name.toLocaleLowerCase('nb').includes(query) || i.text.toLocaleLowerCase('nb').includes(query));
    this.#active = 0;
    this.#render();
  }

  #render() {
    this.listbox.replaceChildren(...(this.#shown.length ? this.#shown.map((item, index) => {
      const li = document.createElement('li');
      li.id = `${this.listbox.id}-${index}`;
      li.setAttribute('role', 'option');
      li.dataset.index = index;
      li.setAttribute('aria-selected', String(index === this.#active));
      const name = document.createElement('strong');
      name.textContent = item.name;
      const text = document.createElement('span');
      text.textContent = item.text;
      li.append(name, text);
      return li;
    }) : [Object.assign(document.createElement('li'), { className: 'none', textContent: t(this.#items.length ? 'canned.noMatch' : 'canned.none') })]));
    this.listbox.hidden = false;
    if (this.#shown.length) {
      this.textarea.setAttribute('aria-activedescendant', `${this.listbox.id}-${this.#active}`);
      this.listbox.children[this.#active].scrollIntoView({ block: 'nearest' });
    } else this.textarea.removeAttribute('aria-activedescendant');
    this.status.textContent = this.#shown.length ? t('canned.count', { count: this.#shown.length }) : '';
  }

  #key(event) {
    if (!this.open) return;
    const stop = () => { event.preventDefault(); event.stopImmediatePropagation(); };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      stop();
      if (!this.#shown.length) return;
      this.#active = (this.#active + (event.key === 'ArrowDown' ? 1 : -1) + this.#shown.length) % this.#shown.length;
      this.#render();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && this.#shown.length) {
      stop();
      this.#insert(this.#active);
    } else if (event.key === 'Escape') {
      stop();
      this.close();
    }
  }

  #insert(index) {
    const item = this.#shown[index];
    if (!item || this.#start < 0) return;
    const { value, selectionStart } = this.textarea;
    this.textarea.value = value.slice(0, this.#start) + item.text + value.slice(selectionStart);
    const caret = this.#start + item.text.length;
    this.close();
    this.textarea.setSelectionRange(caret, caret);
    this.textarea.focus();
    this.status.textContent = t('canned.inserted', { name: item.name });
    this.onInsert?.();
  }
}
