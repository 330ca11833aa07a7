import { describe, expect, it } from 'vitest';
import { pickerPreview } from '../../src/pages/console/canned.js';
import { deliveryText } from '../../src/pages/console/transcript.js';
import { callbackBadge } from '../../src/pages/staff/callbacks.js';
import { citizenQuestion, presenceText, reasonText } from '../../src/pages/staff/view.js';

const at = (m: number) => `2026-11-29T08:${String(m).padStart(2, '0')}:00.000Z`;

describe('queue cards: the question and the reason', () => {
  const transcript = [
    { role: 'citizen' as const, text: 'đổi bằng lái xe ở đâu', at: at(1) },
    { role: 'bot' as const, text: 'Bà con đến … (dài)', at: at(1) },
    { role: 'citizen' as const, text: '  mất bằng thì sao  ', at: at(2) },
    { role: 'bot' as const, text: 'Trả lời …', at: at(2) },
    { role: 'system' as const, text: 'Người dân yêu cầu gặp cán bộ.', at: at(3) },
    { role: 'citizen' as const, text: 'chào cán bộ', at: at(5) },
  ];

  it("shows the citizen's last question before the request, not the bot's answer nor the chat after it", () => {
    expect(citizenQuestion(transcript, at(3))).toBe('mất bằng thì sao');
    expect(citizenQuestion(transcript)).toBe('chào cán bộ');
    expect(citizenQuestion([{ role: 'bot', text: 'Xin chào', at: at(1) }], at(3))).toBeNull();
  });

  it('says "không ghi lý do" only when there is no reason, and names a call-back', () => {
    expect(reasonText('Bằng lái của tôi bị mất')).toBe('Bằng lái của tôi bị mất');
    expect(reasonText(null)).toMatch('không ghi lý do');
    expect(reasonText('   ')).toMatch('không ghi lý do');
    expect(reasonText('callback')).toBe('Người dân để lại số điện thoại để được gọi lại.');
    expect(reasonText('callback')).not.toMatch('không ghi lý do');
  });
});

describe('presence and delivery, when the server says', () => {
  it('says whether the citizen has the chat open, and nothing when unknown', () => {
    expect(presenceText({ citizenOnline: true })).toBe('Người dân đang mở trò chuyện');
    expect(presenceText({ citizenOnline: false })).toMatch('đã rời trang');
    expect(presenceText({})).toBe('');
  });

  it("marks a staff message delivered or waiting for the citizen, and nobody else's", () => {
    expect(deliveryText({ role: 'staff', delivered: true })).toBe('Người dân đã nhận');
    expect(deliveryText({ role: 'staff', delivered: false })).toMatch('sẽ gửi khi người dân mở lại');
    expect(deliveryText({ role: 'staff' })).toBe('');
    expect(deliveryText({ role: 'citizen', delivered: true })).toBe('');
  });
});

describe('call-backs', () => {
  it('badge who has to act: waiting or being helped in a chat, or to be called back', () => {
    expect(callbackBadge({ state: 'waiting' })).toEqual(['neutral', 'Đang chờ trò chuyện']);
    expect(callbackBadge({ state: 'taken' })).toEqual(['good', 'Đang được hỗ trợ']);
    expect(callbackBadge({ state: 'closed' })).toEqual(['bad', 'Cần gọi lại']);
  });
});

describe('canned reply picker', () => {
  const replies = [
    { id: 'a', title: 'Lời chào', text: 'Chào anh/chị,\n  tôi là cán bộ Bộ phận Một cửa.', updatedAt: '2026-11-29T08:00:00.000Z', updatedBy: 'quantri' },
    { id: 'b', title: 'Dài', text: 'chữ '.repeat(80), updatedAt: '2026-11-29T08:00:00.000Z', updatedBy: 'quantri' },
  ];

  it('previews the chosen reply on one line, cut at a word, and nothing when none or an unknown one is chosen', () => {
    expect(pickerPreview(replies, 'a')).toBe('Chào anh/chị, tôi là cán bộ Bộ phận Một cửa.');
    expect(pickerPreview(replies, 'b').endsWith('chữ…')).toBe(true);
    expect(pickerPreview(replies, '')).toBe('');
    expect(pickerPreview(replies, 'gone')).toBe('');
  });
});
