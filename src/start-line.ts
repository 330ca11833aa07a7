/**
 * The one line for a person that the server prints on start (to standard error, next to the JSON log
 * on standard output): where to open it, and whether the desk and admin pages are on.
 */
export function startLine(o: { host: string; port: number; accounts: number }): string {
  const host = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const desk = o.accounts > 0 ? `/staff và /admin đã bật (${o.accounts} tài khoản)` : '/staff và /admin tắt vì chưa có tài khoản — xem README';
  return `Đang chạy: http://${host}:${o.port}; ${desk}`;
}
