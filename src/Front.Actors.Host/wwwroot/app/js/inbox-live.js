// The live inbox connection: numbered updates from /hubs/inbox, each applied once. After any drop it reconnects by
// itself (with growing pauses, for as long as the page is open) and asks the hub for what it missed after the last
// position it saw, so nothing is lost or shown twice and no reload is needed.
import { antiForgery } from './api.js';

const resumePage = 1000; // InboxHub.MaxResume: a full page means there may be more

export class InboxLive {
  #connection;
  #position;
  #baseline = 0;
  #seen = new Set();
  #catchingUp = false;
  #held = [];
  #stopped = false;
  #retry = 0;

  /** onUpdate(update) for each new update in order; onState('live' | 'reconnecting' | 'offline'); onSignedOut() on 401. */
  constructor({ onUpdate, onState, onSignedOut }) {
    this.onUpdate = onUpdate;
    this.onState = onState;
    this.onSignedOut = onSignedOut;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/inbox', { headers: antiForgery })
      // Never gives up by itself, except when the session is gone (401): then onclose sends the person to sign in.
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (ctx) => (/\b401\b/.test(String(ctx.retryReason?.message)) ? null : Math.min(250 * 2 ** ctx.previousRetryCount, 4000)),
      })
      .configureLogging(signalR.LogLevel.None)
      .build();
    this.#connection.on('InboxUpdated', (update) => this.#receive(update));
    this.#connection.onreconnecting(() => this.onState('reconnecting'));
    this.#connection.onreconnected(() => this.#catchUp());
    // The automatic reconnect gave up or the server closed the connection: start again ourselves.
    this.#connection.onclose(() => this.#restartLater());
    addEventListener('online', () => { if (this.#connection.state === 'Disconnected') this.#restartNow(); });
    addEventListener('pagehide', () => { this.#stopped = true; this.#connection.stop(); });
    // Back from the browser's page cache: the connection was stopped on the way out, so start it again and catch up.
    addEventListener('pageshow', (event) => { if (event.persisted) { this.#stopped = false; this.#restartNow(); } });
  }

  get position() { return this.#position; }

  get connection() { return this.#connection; }

  /** Starts from the position the conversation list was read at. */
  async start(position) {
    this.#position = position;
    this.#baseline = position;
    await this.#restartNow();
  }

  async #restartNow() {
    if (this.#stopped || this.#connection.state !== 'Disconnected') return;
    try {
      await this.#connection.start();
      this.#retry = 0;
      await this.#catchUp();
    } catch (error) {
      if (String(error?.message ?? error).includes('401')) return this.onSignedOut();
      this.#restartLater();
    }
  }

  #restartLater() {
    if (this.#stopped) return;
    this.onState('offline');
    const delay = Math.min(500 * 2 ** this.#retry, 5000);
    this.#retry += 1;
    setTimeout(() => this.#restartNow(), delay);
  }

  /** Live updates that arrive while the missed ones are fetched wait, so they are applied in order. */
  async #catchUp() {
    this.#catchingUp = true;
    try {
      for (;;) {
        const missed = await this.#connection.invoke('Resume', this.#position ?? 0);
        for (const update of missed) this.#apply(update);
        if (missed.length < resumePage) break;
      }
    } catch {
      this.#catchingUp = false;
      this.#held = [];
      return; // the connection dropped again; its reconnect catches up
    }
    this.#catchingUp = false;
    const held = this.#held.sort((a, b) => a.position - b.position);
    this.#held = [];
    for (const update of held) this.#apply(update);
    this.onState('live');
  }

  #receive(update) {
    if (this.#catchingUp) this.#held.push(update);
    else this.#apply(update);
  }

  #apply(update) {
    if (update.position <= this.#baseline || this.#seen.has(update.position)) return; // already in the list as read
    this.#seen.add(update.position);
    if (this.#seen.size > 5000) this.#seen = new Set([...this.#seen].slice(-2500));
    // The high-water mark is where the next catch-up starts; positions are one sequence, pushed in order per account.
    if (this.#position == null || update.position > this.#position) this.#position = update.position;
    this.onUpdate(update);
  }
}
