// While the tab is hidden, new inbound messages are counted in the title, so the agent sees them from another tab.
import { t } from './i18n.js';

let unseen = 0;
let plainTitle = document.title;

export function noteInbound() {
  if (!document.hidden) return;
  if (unseen === 0) plainTitle = document.title;
  unseen += 1;
  document.title = t('inbox.newTitle', { count: unseen });
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && unseen > 0) {
    unseen = 0;
    document.title = plainTitle;
  }
});
