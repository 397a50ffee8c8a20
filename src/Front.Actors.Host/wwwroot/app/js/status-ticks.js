// Delivery ticks of a reply: one grey tick accepted, two grey sent to the operator, two blue delivered, a red cross
// failed. Statuses only move forward; a late "submitted" never hides "delivered".
import { t } from './i18n.js';

const rank = { accepted: 1, queued: 1, held: 1, submitted: 2, delivered: 3, failed: 3 };
const marks = { accepted: '✓', queued: '✓', held: '⏸', submitted: '✓✓', delivered: '✓✓', failed: '✕' };

/** The engine's many final failure statuses (rejected, expired, undeliverable, …) all show as failed. */
export function normalize(status) {
  return status in rank ? status : 'failed';
}

export function isNewer(next, current) {
  return !current || rank[normalize(next)] > rank[normalize(current)];
}

export function tick(status) {
  const s = normalize(status);
  const span = document.createElement('span');
  span.className = 'tick';
  span.dataset.status = s;
  span.title = t(`status.${s}`);
  const mark = document.createElement('span');
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = marks[s];
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = t(`status.${s}`);
  span.append(mark, label);
  return span;
}
