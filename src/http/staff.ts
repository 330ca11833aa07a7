import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DeskError, type StaffFrame } from '../handoff/desk.js';
import { HttpError } from './errors.js';
import { originAllowed } from './ws.js';

const loginSchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });
const messageSchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });
const staffFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('take'), handoffId: z.uuid() }),
  z.strictObject({ type: z.literal('message'), handoffId: z.uuid(), text: z.string().trim().min(1).max(2000) }),
  z.strictObject({ type: z.literal('close'), handoffId: z.uuid() }),
]);

/**
 * The one-stop desk: login, the handoff queue (HTTP and a live websocket), taking, answering and
 * closing a citizen's request. See docs/staff-api.md.
 */
export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const { auth, desk } = app.services;
  const staffOnly = { preHandler: auth.require('staff') };

  app.post('/api/staff/login', async (req, reply) => {
    if (!auth.enabled) throw new HttpError(503, 'staff_disabled', 'Chưa cấu hình tài khoản cán bộ nên tính năng này đang tắt.');
    const body = loginSchema.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad_request', 'Cần nhập tên đăng nhập và mật khẩu.');
    const session = await auth.login(req, reply, body.data.username, body.data.password);
    req.log.info({ event: 'staff_login', username: session.user.username }, 'staff login');
    return { user: session.user, csrf: session.csrf };
  });

  app.post('/api/staff/logout', staffOnly, async (req, reply) => {
    auth.logout(req, reply);
    return reply.code(204).send();
  });

  app.get('/api/staff/me', staffOnly, async (req) => ({ user: req.staff!.user, csrf: req.staff!.csrf }));

  app.get('/api/staff/handoffs', staffOnly, async () => {
    const { waiting, taken, callbacks } = desk.queueFrame();
    return { waiting, taken, callbacks };
  });

  app.post<{ Params: { id: string } }>('/api/staff/handoffs/:id/take', staffOnly, async (req) => ({
    handoff: desk.view(deskCall(() => desk.take(req.params.id, req.staff!.user))),
  }));

  app.post<{ Params: { id: string } }>('/api/staff/handoffs/:id/messages', staffOnly, async (req) => {
    const body = messageSchema.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad_request', 'Tin nhắn trống hoặc quá dài.');
    deskCall(() => desk.staffMessage(req.params.id, req.staff!.user, body.data.text));
    return { ok: true };
  });

  app.post<{ Params: { id: string } }>('/api/staff/handoffs/:id/close', staffOnly, async (req) => ({
    handoff: desk.view(deskCall(() => desk.closeHandoff(req.params.id, req.staff!.user))),
  }));

  app.get('/staff/ws', { websocket: true, preValidation: [auth.require('staff'), sameOrigin] }, (socket, req) => {
    const user = req.staff!.user;
    const send = (f: StaffFrame) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(f));
    socket.on('message', (data, isBinary) => {
      try {
        const parsed = isBinary ? undefined : staffFrameSchema.safeParse(JSON.parse(data.toString()));
        if (!parsed?.success) return send({ type: 'error', code: 'bad_frame', message: 'Tin nhắn không đúng định dạng.' });
        const f = parsed.data;
        if (f.type === 'take') desk.take(f.handoffId, user);
        else if (f.type === 'message') desk.staffMessage(f.handoffId, user, f.text);
        else desk.closeHandoff(f.handoffId, user);
      } catch (err) {
        if (err instanceof DeskError) return send({ type: 'error', code: err.code, message: err.message });
        if (err instanceof SyntaxError) return send({ type: 'error', code: 'bad_frame', message: 'Tin nhắn không đúng định dạng.' });
        req.log.error({ err }, 'staff frame failed');
        send({ type: 'error', code: 'internal', message: 'Có lỗi, vui lòng thử lại.' });
      }
    });
    const detach = desk.attachStaff(send);
    socket.on('close', detach);
  });

  async function sameOrigin(req: FastifyRequest) {
    // Staff sockets authenticate by cookie, so only pages of this server may open them.
    if (!req.headers.origin || !originAllowed(req, [])) throw new HttpError(403, 'origin_not_allowed', 'Trang này không được phép kết nối.');
  }
}

function deskCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DeskError) {
      const status = err.code === 'not_found' ? 404 : err.code === 'not_yours' ? 403 : 409;
      throw new HttpError(status, err.code, err.message);
    }
    throw err;
  }
}
