// What a text costs before it is sent, by the same rules as the engine (Domain/Text: Gsm7, SmsSplitter,
// MessageText): GSM 03.38 7-bit when every character is in its tables (extension characters take two septets),
// else UCS-2. One SMS holds 160 septets / 70 UTF-16 units; a concatenated part 153 / 67. A part never ends
// inside an escape pair or a surrogate pair. Web.Tests compare this module with the server's splitter.
const gsmDefault = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
  + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '\f^{}\\[~]|€';
const defaultSet = new Set(gsmDefault);
const extensionSet = new Set(gsmExtension);

export const maxSegments = 10;

/** { encoding: 'gsm7' | 'ucs2', characters, units, segments, left }: left = units still free in the last part. */
export function analyze(text) {
  const gsm = [...text].every((c) => c.length === 1 && (defaultSet.has(c) || extensionSet.has(c)));
  // The size of each character that must not be split: a GSM escape pair is 2 septets, a surrogate pair 2 units.
  const sizes = [...text].map((c) => (gsm ? (extensionSet.has(c) ? 2 : 1) : c.length));
  const total = sizes.reduce((a, b) => a + b, 0);
  const single = gsm ? 160 : 70;
  const part = gsm ? 153 : 67;
  let segments = 1;
  let used = total;
  if (total > single) {
    segments = 1;
    used = 0;
    for (const size of sizes) {
      if (used + size > part) { segments += 1; used = 0; }
      used += size;
    }
  }
  const capacity = segments === 1 ? single : part;
  return {
    encoding: gsm ? 'gsm7' : 'ucs2', characters: [...text].length, units: total, segments: total === 0 ? 0 : segments, left: capacity - used,
  };
}
