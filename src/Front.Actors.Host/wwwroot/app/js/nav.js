// The bar of pages a person may open, from who they are (/api/v1/web/me): only what their roles allow is shown. The host
// refuses the others anyway (a refusal page), and every API call checks the role again.
import { t } from './i18n.js';

const accountRoles = (me) => new Set((me?.accountRoles ?? []).map((v) => v.slice(v.lastIndexOf(':') + 1)));
const staff = (me, role) => (me?.staffRoles ?? []).includes(role);

export const areas = [
  { id: 'inbox', href: '/app/inbox', may: (me) => accountRoles(me).has('agent') },
  { id: 'moderation', href: '/app/moderation', may: (me) => staff(me, 'moderator') },
  { id: 'admin', href: '/app/admin', may: (me) => accountRoles(me).has('admin') },
  { id: 'campaigns', href: '/app/campaigns', may: (me) => accountRoles(me).has('admin') || accountRoles(me).has('marketer') },
  { id: 'templates', href: '/app/templates', may: (me) => accountRoles(me).has('admin') || accountRoles(me).has('marketer') },
  { id: 'contacts', href: '/app/contacts', may: (me) => accountRoles(me).has('admin') || accountRoles(me).has('marketer') },
  { id: 'signUps', href: '/app/sign-ups', may: (me) => accountRoles(me).has('admin') || accountRoles(me).has('marketer') },
  { id: 'dashboard', href: '/app/dashboard', may: (me) => accountRoles(me).has('admin') || accountRoles(me).has('marketer') || staff(me, 'moderator') || staff(me, 'operations') },
];

/** The pages this person may open. */
export function mayOpen(me) {
  return areas.filter((a) => a.may(me));
}

export function renderNav(nav, me, current) {
  if (!nav) return;
  const ul = document.createElement('ul');
  for (const area of mayOpen(me)) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = area.href;
    a.textContent = t(`nav.${area.id}`);
    if (area.id === current) a.setAttribute('aria-current', 'page');
    li.append(a);
    ul.append(li);
  }
  nav.replaceChildren(ul);
  nav.hidden = ul.children.length < 2; // one page only: nothing to choose between
}
