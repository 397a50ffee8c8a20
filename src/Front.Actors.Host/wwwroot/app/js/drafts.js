// An unsent reply is kept in this browser per conversation, so a reload, a crash or another node loses nothing.
const prefix = 'front.draft.';

export function loadDraft(conversationId) {
  return localStorage.getItem(prefix + conversationId) ?? '';
}

export function saveDraft(conversationId, text) {
  if (text) localStorage.setItem(prefix + conversationId, text);
  else localStorage.removeItem(prefix + conversationId);
}
