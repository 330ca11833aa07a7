import { describe, expect, it } from 'vitest';
import type { Handoff } from '../../src/pages/console/api-types.js';
import { DeskState, isMine } from '../../src/pages/staff/state.js';

const LAN = { username: 'canbo.lan', name: 'Nguyễn Thị Lan', role: 'staff' as const };

function handoff(id: string, over: Partial<Handoff> = {}): Handoff {
  return {
    id,
    sessionId: `s-${id}`,
    state: 'waiting',
    reason: null,
    createdAt: `2026-11-29T08:0${id}:00.000Z`,
    takenAt: null,
    takenBy: null,
    closedAt: null,
    closedBy: null,
    callbackPhone: null,
    callbackAt: null,
    waitingSeconds: 0,
    transcript: [],
    ...over,
  };
}

describe('desk state', () => {
  it('knows whose conversation it is by user name or display name, and never without a user', () => {
    expect(isMine({ takenBy: 'canbo.lan' }, LAN)).toBe(true);
    expect(isMine({ takenBy: 'Nguyễn Thị Lan' }, LAN)).toBe(true);
    expect(isMine({ takenBy: 'canbo.hoa' }, LAN)).toBe(false);
    expect(isMine({ takenBy: null }, null)).toBe(false);
  });

  it('sorts by request time and announces newcomers only after the first snapshot', () => {
    const state = new DeskState(() => LAN);
    expect(state.applySnapshot({ waiting: [handoff('2'), handoff('1')] }, 0)).toEqual([]);
    expect(state.waiting.map((h) => h.id)).toEqual(['1', '2']);
    expect(state.applySnapshot({ waiting: [handoff('1'), handoff('2'), handoff('3')] }, 0)).toEqual(['Có một người dân mới đang chờ hỗ trợ.']);
    expect(state.applySnapshot({ waiting: [handoff('4'), handoff('5')] }, 0)).toEqual(['Có 2 người dân mới đang chờ hỗ trợ.']);
  });

  it("announces when one of this officer's conversations ends elsewhere, not a colleague's", () => {
    const state = new DeskState(() => LAN);
    const mine = handoff('1', { state: 'taken', takenBy: 'canbo.lan' });
    const theirs = handoff('2', { state: 'taken', takenBy: 'canbo.hoa' });
    state.applySnapshot({ taken: [mine, theirs] }, 0);
    expect(state.applySnapshot({ taken: [mine] }, 0)).toEqual([]);
    expect(state.applySnapshot({ taken: [] }, 0)).toEqual(['Một cuộc trò chuyện của anh/chị đã kết thúc.']);
  });

  it('keeps live messages until the transcript has them, matching each server message once', () => {
    const state = new DeskState(() => LAN);
    const h = handoff('1', { state: 'taken', takenBy: 'canbo.lan' });
    state.applySnapshot({ taken: [h] }, 0);
    state.keep('1', { role: 'staff', text: 'Chào anh', at: '2026-11-29T08:10:00.000Z', name: LAN.name });
    state.keep('1', { role: 'staff', text: 'Chào anh', at: '2026-11-29T08:10:05.000Z', name: LAN.name });
    expect(state.transcriptOf(h).map((m) => m.text)).toEqual(['Chào anh', 'Chào anh']);
    // The server has one of the two identical messages: one stays local.
    const h2 = { ...h, transcript: [{ role: 'staff' as const, text: 'Chào anh', at: '2026-11-29T08:10:01.000Z' }] };
    state.applySnapshot({ taken: [h2] }, 0);
    expect(state.transcriptOf(h2).map((m) => m.text)).toEqual(['Chào anh', 'Chào anh']);
    expect(state.extras.get('1')).toHaveLength(1);
  });

  it('does not keep a staff message the snapshot already has (the snapshot came before the reply to the POST)', () => {
    const state = new DeskState(() => LAN);
    const h = handoff('1', { state: 'taken', takenBy: 'canbo.lan' });
    state.applySnapshot({ taken: [{ ...h, transcript: [{ role: 'staff', text: 'Chào anh', at: '2026-11-29T08:10:00.000Z', delivered: true }] }] }, 0);
    state.keep('1', { role: 'staff', text: 'Chào anh', at: '2026-11-29T08:10:01.000Z', name: LAN.name });
    expect(state.extras.has('1')).toBe(false);
    // one the snapshot does not have yet stays until it does
    state.keep('1', { role: 'staff', text: 'Anh chờ chút', at: '2026-11-29T08:10:02.000Z', name: LAN.name });
    expect(state.transcriptOf(state.taken[0]).map((m) => m.text)).toEqual(['Chào anh', 'Anh chờ chút']);
  });

  it('drops a citizen message the server has later messages than (its time is the server time)', () => {
    const state = new DeskState(() => LAN);
    const h = handoff('1', { state: 'taken', takenBy: 'canbo.lan' });
    state.applySnapshot({ taken: [h] }, 0);
    state.keep('1', { role: 'citizen', text: '[số điện thoại] gọi tôi', at: '2026-11-29T08:11:00.000Z' });
    state.keep('1', { role: 'citizen', text: 'còn câu này', at: '2026-11-29T08:13:00.000Z' });
    const later = { ...h, transcript: [{ role: 'staff' as const, text: 'ok', at: '2026-11-29T08:12:00.000Z' }] };
    state.applySnapshot({ taken: [later] }, 0);
    expect(state.extras.get('1')?.map((m) => m.text)).toEqual(['còn câu này']);
  });

  it('moves a handoff between lists on upsert and takes a closed one off the call-backs', () => {
    const state = new DeskState(() => LAN);
    const cb = handoff('1', { callbackPhone: '0912 345 678' });
    state.applySnapshot({ waiting: [cb], callbacks: [cb] }, 0);
    state.upsert({ ...cb, state: 'taken', takenBy: 'canbo.lan' });
    expect(state.waiting).toEqual([]);
    expect(state.taken.map((h) => h.id)).toEqual(['1']);
    expect(state.callbacks[0].state).toBe('taken');
    expect(state.myIds?.has('1')).toBe(true);
    state.upsert({ ...cb, state: 'closed' });
    expect(state.taken).toEqual([]);
    expect(state.callbacks).toEqual([]);
    expect(state.myIds?.has('1')).toBe(false);
  });

  it('counts waiting time on from the snapshot only while the citizen still waits', () => {
    const state = new DeskState(() => LAN);
    state.applySnapshot({}, 1_000_000);
    expect(state.waitSeconds(handoff('1', { waitingSeconds: 30 }), 1_010_000)).toBe(40);
    expect(state.waitSeconds(handoff('1', { waitingSeconds: 30, state: 'taken' }), 1_010_000)).toBe(30);
  });

  it('forgets everything on reset, so the next snapshot announces nothing', () => {
    const state = new DeskState(() => LAN);
    state.applySnapshot({ waiting: [handoff('1')] }, 0);
    state.reset();
    expect(state.applySnapshot({ waiting: [handoff('2')] }, 0)).toEqual([]);
  });
});
