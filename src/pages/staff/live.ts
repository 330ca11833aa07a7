import { Reconnector } from '../../widget/reconnect.js';
import { api, session, type ApiError } from '../console/api.js';
import type { SessionReply, StaffFrame } from '../console/api-types.js';
import { sessionExpired } from '../console/boot.js';
import { onCitizenMessage } from './chats.js';
import { setConn, type Desk } from './desk.js';
import { announce, showError } from './view.js';

/**
 * Keeping the desk current: live frames over the /staff/ws websocket (queue snapshots, citizen
 * messages, errors), reconnecting with the widget's backoff (widget/reconnect.ts) and saying so in #conn.
 */
export class LiveDesk {
  private ws: WebSocket | null = null;
  private readonly retry = new Reconnector();

  constructor(private readonly desk: Desk) {}

  connect(): void {
    if (!session.running) return;
    this.retry.cancel();
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/staff/ws`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry.succeeded();
      setConn('ok', 'Đã kết nối: danh sách và tin nhắn cập nhật trực tiếp.');
    };
    ws.onmessage = (ev) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (frame && typeof frame === 'object') this.onFrame(frame as StaffFrame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (!session.running) return;
      // A refused upgrade looks like any other drop: ask the API whether the session is still valid.
      api<SessionReply>('GET', '/api/staff/me').then(
        (data) => {
          session.csrf = data.csrf;
          this.scheduleReconnect();
        },
        (e: ApiError) => {
          if (e.status === 401) sessionExpired();
          else this.scheduleReconnect();
        },
      );
    };
  }

  private scheduleReconnect(): void {
    if (!session.running) return;
    const delay = this.retry.schedule(() => {
      void this.desk.loadHandoffs();
      this.connect();
    });
    setConn('warn', `Mất kết nối trực tiếp với máy chủ. Đang thử kết nối lại sau ${Math.ceil(delay / 1000)} giây…`);
  }

  /** Back online or back on the tab: reconnect now rather than after the backoff. */
  reconnectNow(): void {
    if (session.running && !this.ws) {
      this.retry.succeeded();
      this.connect();
    }
  }

  /** Closes the socket for good (on logout or expiry). */
  disconnect(): void {
    this.retry.cancel();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
  }

  private onFrame(frame: StaffFrame): void {
    if (frame.type === 'queue') this.desk.applySnapshot(frame);
    else if (frame.type === 'citizen') onCitizenMessage(this.desk, frame);
    else if (frame.type === 'error') {
      const message = frame.message || 'Có lỗi xảy ra.';
      const handoffId = (frame as { handoffId?: string }).handoffId;
      const node = handoffId !== undefined ? this.desk.nodes.chats.get(handoffId) : undefined;
      if (node) showError(node, message);
      else announce(message);
    }
  }
}
