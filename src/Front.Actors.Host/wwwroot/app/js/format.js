// Dates and times in Europe/Oslo and numbers the Norwegian way, whatever the machine's own zone or language.
const zone = 'Europe/Oslo';
const time = new Intl.DateTimeFormat('nb-NO', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('nb-NO', { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullDateTime = new Intl.DateTimeFormat('nb-NO', { timeZone: zone, dateStyle: 'full', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('nb-NO', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
const number = new Intl.NumberFormat('nb-NO');

/** "14:05" today (in Oslo), "3. des. 14:05" on another day. */
export function formatWhen(at) {
  const d = new Date(at);
  return day.format(d) === day.format(new Date()) ? time.format(d) : dateTime.format(d);
}

/** "3. des. 14:05" whatever the day: a time that is usually not today (a schedule, a window's next opening). */
export function formatDateTime(at) {
  return dateTime.format(new Date(at));
}

/** For a tooltip: the full date and time. */
export function formatFull(at) {
  return fullDateTime.format(new Date(at));
}

export function formatTime(at) {
  return time.format(new Date(at));
}

export function formatNumber(n) {
  return number.format(n);
}

/** +4791234567 as "+47 912 34 567"; other numbers as they are. */
export function formatPhone(msisdn) {
  const m = /^\+47(\d{3})(\d{2})(\d{3})$/.exec(msisdn ?? '');
  return m ? `+47 ${m[1]} ${m[2]} ${m[3]}` : msisdn ?? '';
}
