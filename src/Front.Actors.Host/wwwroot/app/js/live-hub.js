// A hub connection that never gives up while the page is open: SignalR's own reconnect, then restarts with growing
// pauses. Pages whose live part is a current state (the moderation queue, the dashboard) catch up by reading that
// state again after each (re)connect (onConnected), so nothing missed while away is lost.
import { antiForgery } from './api.js';

export class LiveHub {
  #connection;
  #retry = 0;
  #stopped = false;

  /** handlers: { method: fn }; onState('live' | 'reconnecting' | 'offline'); onConnected() after each (re)connect; onSignedOut on 401. */
  constructor(url, { handlers = {}, onState = () => {}, onConnected = () => {}, onSignedOut = () => {} }) {
    Object.assign(this, { onState, onConnected, onSignedOut });
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(url, { headers: antiForgery })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (ctx) => (/\b40[13]\b/.test(String(ctx.retryReason?.message)) ? null : Math.min(250 * 2 ** ctx.previousRetryCount, 4000)),
      })
      .configureLogging(signalR.LogLevel.None)
      .build();
    for (const [method, handler] of Object.entries(handlers)) this.#connection.on(method, handler);
    this.#connection.onreconnecting(() => this.onState('reconnecting'));
    this.#connection.onreconnected(() => this.#connected());
    this.#connection.onclose(() => this.#later());
    addEventListener('online', () => this.start());
    addEventListener('pagehide', () => { this.#stopped = true; this.#connection.stop(); });
    addEventListener('pageshow', (event) => { if (event.persisted) { this.#stopped = false; this.start(); } });
  }

  get connection() { return this.#connection; }

  async start() {
    if (this.#stopped || this.#connection.state !== 'Disconnected') return;
    try {
      await this.#connection.start();
      this.#retry = 0;
      await this.#connected();
    } catch (error) {
      if (/\b401\b/.test(String(error?.message ?? error))) return this.onSignedOut();
      this.#later();
    }
  }

  async #connected() {
    this.onState('live');
    try { await this.onConnected(); } catch { /* the page shows its own error */ }
  }

  #later() {
    if (this.#stopped) return;
    this.onState('offline');
    const delay = Math.min(500 * 2 ** this.#retry, 5000);
    this.#retry += 1;
    setTimeout(() => this.start(), delay);
  }
}

/** The connection badge in a page's header. */
export function showConnection(el, state, t) {
  el.dataset.state = state;
  el.textContent = t(state === 'live' ? 'inbox.live' : state === 'reconnecting' ? 'inbox.reconnecting' : 'inbox.offline');
}
