/** A new id for a question or a message: unique in practice, no dependency on crypto.randomUUID. */
export function newId(): string {
  const bytes = new Uint8Array(6);
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return 'q' + Date.now().toString(36) + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The id of the bot message that answers question `id`. */
export function answerOf(id: string): string {
  return 'a:' + id;
}
