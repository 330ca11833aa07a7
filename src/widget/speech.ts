/**
 * "Đọc to": the browser's speech synthesis in a Vietnamese voice when the device has one (otherwise the
 * utterance still says lang=vi-VN and the browser picks what it can).
 */

export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function';
}

function vietnameseVoice(): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang.toLowerCase() === 'vi-vn') ?? voices.find((v) => v.lang.toLowerCase().startsWith('vi'));
}

let onStop: (() => void) | undefined;

/** Reads `text` aloud, stopping anything being read; `done` runs when it ends or is stopped. */
export function speak(text: string, done: () => void): void {
  if (!speechAvailable()) return done();
  stopSpeaking();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'vi-VN';
  u.rate = 0.95;
  const voice = vietnameseVoice();
  if (voice) u.voice = voice;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    if (onStop === finish) onStop = undefined;
    done();
  };
  u.onend = finish;
  u.onerror = finish;
  onStop = finish;
  window.speechSynthesis.speak(u);
}

export function stopSpeaking(): void {
  const stop = onStop;
  onStop = undefined;
  if (speechAvailable()) window.speechSynthesis.cancel();
  stop?.();
}

if (speechAvailable()) {
  // Chromium loads voices lazily; asking once early makes them ready by the first "Đọc to".
  try {
    window.speechSynthesis.getVoices();
  } catch {
    /* ignore */
  }
}
