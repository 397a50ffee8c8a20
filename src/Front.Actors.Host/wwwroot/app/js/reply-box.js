// The reply box: a live character, segment and encoding counter, the draft kept per conversation, Enter to send.
import { analyze, maxSegments } from './segments.js';
import { loadDraft, saveDraft, loadSeen, saveSeen } from './drafts.js';
import { t } from './i18n.js';
import { formatNumber } from './format.js';

export class ReplyBox {
  #conversationId = null;

  /** lastInbound() → the position of the newest message from the contact on screen; onTyping() while the agent writes. */
  constructor({ form, textarea, counter, onSend, lastInbound = () => null, onTyping = () => {} }) {
    Object.assign(this, { form, textarea, counter, onSend, lastInbound, onTyping });
    textarea.addEventListener('input', () => this.changed());
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

  /** After any change of the text (typed, or a canned reply put in). */
  changed() {
    const id = this.#conversationId;
    if (id) {
      // Writing starts: remember what the agent had seen from the contact; an emptied box forgets it.
      if (!this.textarea.value) saveSeen(id, null);
      else if (loadSeen(id) === null) saveSeen(id, this.lastInbound());
      saveDraft(id, this.textarea.value);
      if (this.textarea.value) this.onTyping(id);
    }
    this.count();
  }

  /** What the agent had seen from the contact when they started this draft (or now, for a draft from before). */
  get seen() {
    return loadSeen(this.#conversationId) ?? this.lastInbound();
  }

  /** The agent has now seen the newer message: the next send answers it. */
  seenNow() {
    saveSeen(this.#conversationId, this.lastInbound());
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
    saveSeen(this.#conversationId, null);
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
