// One thread: its messages in order, each reply with its delivery ticks, updated live by message id.
import { t } from './i18n.js';
import { formatWhen, formatFull, formatPhone } from './format.js';
import { isNewer, tick } from './status-ticks.js';

export class ThreadView {
  #messages = new Map(); // message id -> message as shown
  #early = new Map(); // message id -> a status that came before its message (the hub does not wait for the thread)

  constructor({ list, heading, meta }) {
    Object.assign(this, { list, heading, meta });
  }

  /** Shows a thread from the API's messages (oldest first). */
  show(summary, messages, me) {
    this.#messages.clear();
    this.#early.clear();
    this.list.replaceChildren();
    this.header(summary, me);
    for (const m of messages) this.add(m, me);
  }

  header(summary) {
    this.heading.textContent = t('inbox.thread', { contact: formatPhone(summary.contact) });
    this.meta.textContent = t('inbox.via', { number: formatPhone(summary.ourNumber) });
  }

  /** Adds older messages (oldest first) above those shown, keeping the ones in view where they are on the screen. */
  addOlder(messages, me) {
    const scroller = this.list;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    for (const m of messages) this.add(m, me, { scroll: false });
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
  }

  /** The position of the oldest message shown, or null when there is none. */
  firstPosition() {
    let first = null;
    for (const m of this.#messages.values()) if (m.position != null && (first === null || m.position < first)) first = m.position;
    return first;
  }

  /** Adds a message once (the live update and the reply's own answer may both bring it). */
  add(message, me, { scroll = true } = {}) {
    const known = this.#messages.get(message.id);
    if (known) return this.status(message.id, message.status);
    const early = this.#early.get(message.id);
    this.#early.delete(message.id);
    if (early && isNewer(early, message.status)) message = { ...message, status: early };
    this.#messages.set(message.id, { ...message });
    const li = document.createElement('li');
    li.className = `message ${message.direction === 'out' ? 'out' : 'in'}`;
    li.dataset.message = message.id;
    li.dataset.position = message.position ?? '';
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = message.text;
    const foot = document.createElement('p');
    foot.className = 'foot';
    if (message.direction === 'out') {
      foot.append(document.createTextNode(`${message.author === me ? t('inbox.author.you') : message.author ?? ''} · `));
    }
    const when = document.createElement('time');
    when.dateTime = message.at;
    when.title = formatFull(message.at);
    when.textContent = formatWhen(message.at);
    foot.append(when);
    if (message.direction === 'out') foot.append(' ', tick(message.status ?? 'accepted'));
    li.append(text, foot);
    // Kept in thread order even when an update arrives after a later one.
    const after = [...this.list.children].find((other) => Number(other.dataset.position) > Number(message.position ?? Infinity));
    this.list.insertBefore(li, after ?? null);
    if (scroll) li.scrollIntoView({ block: 'nearest' });
  }

  /** The position of the newest message from the contact shown, or null when there is none. */
  lastInboundPosition() {
    let last = null;
    for (const m of this.#messages.values()) if (m.direction === 'in' && m.position != null && (last === null || m.position > last)) last = m.position;
    return last;
  }

  status(id, status) {
    const known = this.#messages.get(id);
    if (!known && status) {
      if (isNewer(status, this.#early.get(id))) this.#early.set(id, status);
      return;
    }
    if (!known || !status || !isNewer(status, known.status)) return;
    known.status = status;
    this.list.querySelector(`[data-message="${CSS.escape(id)}"] .tick`)?.replaceWith(tick(status));
  }
}

/** The API's message (HTTP list) and the hub's (ThreadMessage) in one shape. */
export function messageOf(m) {
  return {
    id: m.id ?? m.messageId, position: m.position, direction: m.direction, text: m.text, author: m.author, at: m.at, status: m.status,
  };
}
