/** An HTTP error the client can show: a stable code and a Vietnamese message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * Something the citizen sent could not be stored (disk full, database unavailable): it was not
 * acknowledged, so they can send it again. The websocket says `not_stored`; HTTP answers 503.
 */
export class NotStoredError extends Error {
  constructor(cause: unknown) {
    super('write to the store failed', { cause });
  }
}

/** Resolves as `write` does, or rejects with NotStoredError. */
export async function stored<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw new NotStoredError(err);
  }
}
