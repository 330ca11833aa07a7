import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Request URLs are logged without their query string (it may hold a
 * citizen's question); citizen text is redacted where it is logged.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
