import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_ENDED } from '../auth/staff-auth.js';
import { DeskError, type StaffFrame } from '../handoff/desk.js';
import { HttpError } from '../lib/errors.js';
import { originAllowed } from '../lib/origin.js';
import { handoffParamsSchema, loginBodySchema, sessionReplySchema, staffFrameSchema, staffMessageBodySchema } from '../schemas/staff.js';

/**
 * The one-stop desk: login, the handoff queue (HTTP and a live websocket), taking, answering and
 * closing a citizen's request. See docs/staff-api.md.
 */
const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { staffAuth, desk, config } = app;
  const staffOnly = { preHandler: staffAuth.require('staff') };

  app.post(
    '/api/staff/login',
    {
      schema: { body: loginBodySchema, response: { 200: sessionReplySchema } },
      bodyLimit: LOGIN_BODY_LIMIT,
      // Per address, before any password is hashed; the lock-out per user name is in staffAuth.login.
      config: { badRequest: 'Cần nhập tên đăng nhập và mật khẩu.', rateLimit: { max: config.LOGIN_RATE_LIMIT, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      if (!staffAuth.enabled) throw new HttpError(503, 'staff_disabled', 'Chưa cấu hình tài khoản cán bộ nên tính năng này đang tắt.');
      const session = await staffAuth.login(req, reply, req.body.username, req.body.password);
      req.log.info({ event: 'staff_login', username: session.user.username }, 'staff login');
      return { user: session.user, csrf: session.csrf };
    },
  );

  app.post('/api/staff/logout', staffOnly, async (req, reply) => {
    await staffAuth.logout(req, reply);
    return reply.code(204).send();
  });

  app.get('/api/staff/me', { ...staffOnly, schema: { response: { 200: sessionReplySchema } } }, async (req) => ({ user: req.staff!.user, csrf: req.staff!.csrf }));

  app.get('/api/staff/handoffs', staffOnly, async () => {
    const { waiting, taken, callbacks } = await desk.queueFrame();
    return { waiting, taken, callbacks };
  });

  const byId = { ...staffOnly, schema: { params: handoffParamsSchema } };

  app.post('/api/staff/handoffs/:id/take', byId, async (req) => ({
    handoff: await desk.view(await deskCall(desk.take(req.params.id, req.staff!.user))),
  }));

  app.post(
    '/api/staff/handoffs/:id/messages',
    { ...staffOnly, schema: { params: handoffParamsSchema, body: staffMessageBodySchema }, config: { badRequest: 'Tin nhắn trống hoặc quá dài.' } },
    async (req) => {
      await deskCall(desk.staffMessage(req.params.id, req.staff!.user, req.body.text));
      return { ok: true };
    },
  );

  app.post('/api/staff/handoffs/:id/close', byId, async (req) => ({
    handoff: await desk.view(await deskCall(desk.closeHandoff(req.params.id, req.staff!.user))),
  }));

  app.get('/staff/ws', { websocket: true, preValidation: [staffAuth.require('staff'), sameOrigin] }, (socket, req) => {
    const session = req.staff!;
    const user = session.user;
    const end = () => socket.close(SESSION_ENDED.code, SESSION_ENDED.reason);
    // Logout, expiry or a changed account closes the socket; nothing more is sent once the session is over.
    const watched = staffAuth.watchSocket(session, end);
    const send = (f: StaffFrame) => {
      if (!watched.live()) return end();
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f));
    };
    socket.on('message', async (data, isBinary) => {
      try {
        if (!watched.live() || !(await staffAuth.stillValid(session))) return end();
        const parsed = isBinary ? undefined : staffFrameSchema.safeParse(JSON.parse(data.toString()));
        if (!parsed?.success) return send({ type: 'error', code: 'bad_frame', message: 'Tin nhắn không đúng định dạng.' });
        const f = parsed.data;
        if (f.type === 'take') await desk.take(f.handoffId, user);
        else if (f.type === 'message') await desk.staffMessage(f.handoffId, user, f.text);
        else await desk.closeHandoff(f.handoffId, user);
      } catch (err) {
        if (err instanceof DeskError) return send({ type: 'error', code: err.code, message: err.message });
        if (err instanceof SyntaxError) return send({ type: 'error', code: 'bad_frame', message: 'Tin nhắn không đúng định dạng.' });
        req.log.error({ err }, 'staff frame failed');
        send({ type: 'error', code: 'internal', message: 'Có lỗi, vui lòng thử lại.' });
      }
    });
    let closed = false;
    let detach = () => {};
    socket.on('close', () => {
      closed = true;
      watched.unwatch();
      detach();
    });
    desk.attachStaff(send).then(
      (d) => (closed ? d() : (detach = d)),
      (err) => {
        req.log.error({ err }, 'staff queue failed');
        socket.close(1011, 'queue unavailable');
      },
    );
  });
};

/** Largest login request: a user name and a password. */
const LOGIN_BODY_LIMIT = 1024;

/** Staff sockets authenticate by cookie, so only pages of this server (exact origin) may open them. */
async function sameOrigin(req: FastifyRequest) {
  if (!originAllowed(req, [], { allowMissing: false })) throw new HttpError(403, 'origin_not_allowed', 'Trang này không được phép kết nối.');
}

/** A desk refusal as the HTTP error the staff page shows. */
async function deskCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof DeskError) {
      const status = err.code === 'not_found' ? 404 : err.code === 'not_yours' ? 403 : 409;
      throw new HttpError(status, err.code, err.message);
    }
    throw err;
  }
}

export default staffRoutes;
