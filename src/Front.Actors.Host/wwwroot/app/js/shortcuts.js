// Keyboard shortcuts of the inbox; ignored while typing in a field or with a modifier held.
const typing = 'textarea, select, [contenteditable], input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit])';

export function wireShortcuts(actions) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (event.key === 'Escape' && target.matches(typing)) {
      target.blur();
      return;
    }
    if (target.matches(typing)) return;
    const action = { j: actions.next, k: actions.previous, c: actions.claim, e: actions.close, r: actions.reply }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
