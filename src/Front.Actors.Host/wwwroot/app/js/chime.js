// A short two-note chime for a new inbound message while the tab is hidden, made with Web Audio (no sound file). Browsers
// let a page play sound only after a person has used it, so the audio is unlocked at the first key or click. Whether to
// play is remembered in this browser.
const key = 'front.sound';
let audio = null;

export const chime = {
  played: 0, // for the browser tests and support: how many times it rang

  get enabled() { return localStorage.getItem(key) !== 'off'; },

  set enabled(on) { localStorage.setItem(key, on ? 'on' : 'off'); },

  play() {
    if (!this.enabled) return;
    this.played += 1;
    document.body.dataset.chimes = String(this.played);
    try {
      audio ??= new AudioContext();
      const now = audio.currentTime;
      for (const [at, freq] of [[0, 880], [0.12, 1320]]) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + at);
        gain.gain.exponentialRampToValueAtTime(0.2, now + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.25);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + at);
        osc.stop(now + at + 0.3);
      }
    } catch { /* no audio device: the title badge still shows it */ }
  },
};

const unlock = () => {
  try { audio ??= new AudioContext(); audio.resume(); } catch { /* no audio */ }
};
addEventListener('keydown', unlock, { once: true });
addEventListener('pointerdown', unlock, { once: true });
