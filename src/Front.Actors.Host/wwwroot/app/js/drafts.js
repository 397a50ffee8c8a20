// An unsent reply is kept in this browser per conversation, so a reload, a crash or another node loses nothing.
const prefix = 'front.draft.';

export function loadDraft(conversationId) {
  return localStorage.getItem(prefix + conversationId) ?? '';
}

export function saveDraft(conversationId, text) {
  if (text) localStorage.setItem(prefix + conversationId, text);
  else localStorage.removeItem(prefix + conversationId);
}

// With the draft: the newest message from the contact the agent had seen when they started writing it (its position), so
// the server can refuse a reply to a question that changed meanwhile.
const seenPrefix = 'front.seen.';

export function loadSeen(conversationId) {
  const value = localStorage.getItem(seenPrefix + conversationId);
  return value === null ? null : Number(value);
}

export function saveSeen(conversationId, position) {
  if (position == null) localStorage.removeItem(seenPrefix + conversationId);
  else localStorage.setItem(seenPrefix + conversationId, String(position));
}
