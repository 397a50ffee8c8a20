// The conversation list: tabs mine / unassigned / all with their counts, the unread filter, unread threads first
// and then the newest. It renders from the conversations it is given; the page keeps them current.
import { t } from './i18n.js';
import { formatPhone, formatWhen, formatFull, formatNumber } from './format.js';

export const tabs = ['mine', 'unassigned', 'all'];

export function inTab(c, tab, me) {
  if (tab === 'mine') return c.assignedTo === me;
  if (tab === 'unassigned') return !c.assignedTo;
  return true;
}

export class ConversationList {
  constructor({ list, empty, tabLinks, counts }) {
    Object.assign(this, { list, empty, tabLinks, counts });
  }

  /**
   * The threads in the order shown for this tab and filter. Threads read since the list was last ordered (view.readSince)
   * keep their place as unread, so reading one does not shuffle the list under the agent's keys.
   */
  visible(conversations, { tab, unreadOnly, me, readSince = new Set() }) {
    const unread = (c) => c.unread > 0 || readSince.has(c.id);
    return [...conversations.values()]
      .filter((c) => !c.closed && inTab(c, tab, me) && (!unreadOnly || unread(c)))
      .sort((a, b) => unread(b) - unread(a) || (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''));
  }

  render(conversations, view) {
    const { tab, unreadOnly, selected } = view;
    for (const name of tabs) {
      const count = this.visible(conversations, { ...view, tab: name }).length;
      this.counts[name].textContent = formatNumber(count);
      const link = this.tabLinks[name];
      const query = new URLSearchParams({ tab: name });
      if (unreadOnly) query.set('unread', '1');
      link.href = `?${query}`;
      if (name === tab) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    const shown = this.visible(conversations, view);
    this.empty.hidden = shown.length > 0;
    this.list.replaceChildren(...shown.map((c) => this.#item(c, view, view.me, selected)));
  }

  #item(c, view, me, selected) {
    const li = document.createElement('li');
    li.dataset.conversation = c.id;
    if (c.unread > 0) li.classList.add('unread');
    const a = document.createElement('a');
    const query = new URLSearchParams({ tab: view.tab, c: c.id });
    if (view.unreadOnly) query.set('unread', '1');
    a.href = `?${query}`;
    if (c.id === selected) a.setAttribute('aria-current', 'true');
    const top = el('span', 'line');
    top.append(el('span', 'contact', formatPhone(c.contact)));
    if (c.lastMessageAt) {
      const when = el('time', 'when', formatWhen(c.lastMessageAt));
      when.dateTime = c.lastMessageAt;
      when.title = formatFull(c.lastMessageAt);
      top.append(when);
    }
    const bottom = el('span', 'line');
    bottom.append(el('span', 'last', c.lastMessage ?? ''));
    if (c.unread > 0) {
      const badge = el('span', 'badge', formatNumber(c.unread));
      badge.setAttribute('aria-label', t('inbox.unread', { count: c.unread }));
      bottom.append(badge);
    }
    const who = c.assignedTo ? (c.assignedTo === me ? t('inbox.assignedToMe') : t('inbox.assignedTo', { agent: c.assignedTo })) : t('inbox.unassigned');
    a.append(top, bottom, el('span', 'assignee', who));
    const others = view.presenceOf?.(c.id);
    if (others) a.append(el('span', 'presence', others));
    li.append(a);
    return li;
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
