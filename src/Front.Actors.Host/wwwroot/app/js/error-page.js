// The friendly error page: only its texts and the language button.
import { applyTexts, wireLanguageButton } from './i18n.js';

applyTexts();
wireLanguageButton(document.getElementById('language'));
