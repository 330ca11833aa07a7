import { describe, expect, it } from 'vitest';
import { callbackStatus, telHref } from '../../src/pages/staff/callbacks.js';
import { MAX_STAFF_MESSAGE } from '../../src/pages/staff/chats.js';
import { appendToReply } from '../../src/pages/console/canned.js';
import { passageAsReply, searchStatusText } from '../../src/pages/staff/search.js';
import { shortId } from '../../src/pages/staff/view.js';

describe('desk texts', () => {
  it('gives a conversation a six-character code from its session id', () => {
    expect(shortId({ sessionId: '3fa9c1e2-0000-4000-8000-000000000000', id: 'x' })).toBe('3FA9C1');
    expect(shortId({ sessionId: '', id: 'ab-12' })).toBe('AB12');
  });

  it('says where a call-back stands', () => {
    expect(callbackStatus({ state: 'waiting', takenBy: null, closedBy: null })).toBe('vẫn đang chờ trò chuyện với cán bộ');
    expect(callbackStatus({ state: 'taken', takenBy: 'canbo.lan', closedBy: null })).toBe('đang được canbo.lan hỗ trợ');
    expect(callbackStatus({ state: 'closed', takenBy: null, closedBy: 'timeout' })).toMatch('chưa có cán bộ nhận kịp');
    expect(callbackStatus({ state: 'closed', takenBy: null, closedBy: 'system' })).toMatch('ngoài giờ làm việc');
    expect(callbackStatus({ state: 'closed', takenBy: 'x', closedBy: 'canbo.lan' })).toMatch('trò chuyện đã kết thúc');
  });

  it('makes a tel: link of a phone number as typed, and none of a number without digits', () => {
    expect(telHref('0987.654.321')).toBe('tel:0987654321');
    expect(telHref('+84 912 345 678')).toBe('tel:+84912345678');
    expect(telHref('không có')).toBeNull();
  });

  it('turns a passage into a plain reply: markup gone, bullets and numbers kept, its source last', () => {
    const text = '## Hồ sơ\n\n- **Tờ khai** đổi giấy phép\n- Bản sao [CCCD](https://example.gov.vn/cccd)\n\n1. Nộp\n2. Nhận';
    expect(passageAsReply({ text, title: 'Đổi giấy phép lái xe', url: 'https://dichvucong.gov.vn/p/1' })).toBe(
      'Hồ sơ\n• Tờ khai đổi giấy phép\n• Bản sao CCCD\n1. Nộp\n2. Nhận\nNguồn: Đổi giấy phép lái xe – https://dichvucong.gov.vn/p/1',
    );
  });

  it('never puts a non-http address in the reply as the source', () => {
    expect(passageAsReply({ text: 'x', title: 'T', url: 'javascript:alert(1)' })).toBe('x\nNguồn: T');
  });

  it('adds a passage or a canned reply below what is typed and keeps the reply within the message limit', () => {
    expect(appendToReply('  Chào anh  ', 'Đoạn', MAX_STAFF_MESSAGE)).toBe('Chào anh\n\nĐoạn');
    expect(appendToReply('', 'Đoạn', MAX_STAFF_MESSAGE)).toBe('Đoạn');
    expect(appendToReply('a', 'x'.repeat(3000), MAX_STAFF_MESSAGE)).toHaveLength(MAX_STAFF_MESSAGE);
  });

  it('reports search results, warning when none matches clearly', () => {
    expect(searchStatusText('abc', { grounded: false, passages: [] })).toBe('Không tìm thấy đoạn hướng dẫn nào cho “abc”.');
    const one = [{ id: 'a', title: 'A', url: '', section: '', score: 1, text: '' }];
    expect(searchStatusText('abc', { grounded: true, passages: one })).toBe('Tìm thấy 1 đoạn hướng dẫn.');
    expect(searchStatusText('abc', { grounded: false, passages: one })).toMatch('kiểm tra kỹ');
  });
});
