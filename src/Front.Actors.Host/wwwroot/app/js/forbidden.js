// The refusal page (403): which page it was, who may open it, and the way to this person's own start page.
import { t } from './i18n.js';
import { startPage } from './page.js';

const page = location.pathname.split('/')[2] ?? '';
const render = () => {
  const area = ['moderation', 'admin', 'campaigns', 'templates', 'contacts', 'sign-ups', 'dashboard', 'inbox'].includes(page) ? page : null;
  document.getElementById('forbidden-text').textContent = area ? t(`forbidden.${area}`) : t('forbidden.text');
};
document.addEventListener('front:lang', render);
startPage(null);
render(); // after the page's texts are applied
