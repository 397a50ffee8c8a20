// Who else is typing in or viewing a thread, from the hub's AgentActivity. Presence is ephemeral (nothing stores it; a
// node's loss or a dropped connection loses it): an agent's clients repeat it while it lasts, and an entry not heard
// again in time is forgotten, so nobody stays "typing" for ever.
const lifetime = { typing: 6_000, viewing: 25_000 };

export class Presence {
  #threads = new Map(); // conversation id -> Map(agent -> { name, activity, until })
  #timer = null;

  constructor({ onChange }) {
    this.onChange = onChange;
  }

  note({ conversationId, agent, activity, name }) {
    const others = this.#threads.get(conversationId) ?? new Map();
    // Only one thread viewed at a time: an agent seen on this thread is no longer on another.
    for (const [id, agents] of this.#threads) if (id !== conversationId && agents.delete(agent) && agents.size === 0) this.#threads.delete(id);
    if (activity === 'left') others.delete(agent);
    else {
      const known = others.get(agent);
      // "viewing" repeats while someone types: it does not end their typing.
      const keepTyping = activity === 'viewing' && known?.activity === 'typing' && known.until > Date.now();
      if (!keepTyping) others.set(agent, { name: name || agent, activity, until: Date.now() + (lifetime[activity] ?? 10_000) });
    }
    if (others.size) this.#threads.set(conversationId, others); else this.#threads.delete(conversationId);
    this.#schedule();
    this.onChange(conversationId);
  }

  /** [{ name, activity }] on the thread now, typing first. */
  of(conversationId) {
    const now = Date.now();
    return [...(this.#threads.get(conversationId)?.values() ?? [])].filter((p) => p.until > now)
      .sort((a, b) => (a.activity === 'typing' ? 0 : 1) - (b.activity === 'typing' ? 0 : 1));
  }

  #schedule() {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      const now = Date.now();
      for (const [id, agents] of this.#threads) {
        let changed = false;
        for (const [agent, p] of agents) if (p.until <= now) { agents.delete(agent); changed = true; }
        if (agents.size === 0) this.#threads.delete(id);
        if (changed) this.onChange(id);
      }
      if (this.#threads.size === 0) { clearInterval(this.#timer); this.#timer = null; }
    }, 1000);
  }
}
