// The reply box: a live character, segment and encoding counter, the draft kept per conversation, Enter to send.
import { analyze, maxSegments } from './segments.js';
import { loadDraft, saveDraft } from './drafts.js';
import { t } from './i18n.js';
import { formatNumber } from './format.js';

export class ReplyBox {
  #conversationId = null;

  constructor({ form, textarea, counter, onSend }) {
    Object.assign(this, { form, textarea, counter, onSend });
    textarea.addEventListener('input', () => {
      if (this.#conversationId) saveDraft(this.#conversationId, textarea.value);
      this.count();
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.onSend(textarea.value);
    });
  }

  open(conversationId) {
    this.#conversationId = conversationId;
    this.textarea.value = loadDraft(conversationId);
    this.count();
  }

  /** After the engine took the reply: the draft is gone. */
  sent() {
    this.textarea.value = '';
    saveDraft(this.#conversationId, '');
    this.count();
  }

  count() {
    const a = analyze(this.textarea.value);
    this.counter.dataset.encoding = a.encoding;
    this.counter.dataset.segments = a.segments;
    this.counter.classList.toggle('over', a.segments > maxSegments);
    this.counter.textContent = a.segments > maxSegments
      ? t('inbox.tooLong', { max: maxSegments })
      : t('inbox.counter', {
        chars: formatNumber(a.characters), segments: formatNumber(a.segments), encoding: a.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2', left: formatNumber(a.left),
      });
  }
}
