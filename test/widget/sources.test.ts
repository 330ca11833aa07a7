import { describe, expect, it } from 'vitest';
import { withoutSourceLine } from '../../src/widget/sources.js';

const source = { id: 'dang-ky-khai-sinh', title: 'Đăng ký khai sinh', url: 'https://dichvucong.gov.vn/a', section: '' };

describe('withoutSourceLine', () => {
  it('drops the answer’s own source line when the same source is listed below it', () => {
    const text = '**Đăng ký khai sinh**\n\n1. Tờ khai.\n\nNguồn: [Đăng ký khai sinh](https://dichvucong.gov.vn/a)\nLàm trực tuyến tại: [dichvucong.gov.vn](https://dichvucong.gov.vn)';
    expect(withoutSourceLine(text, [source])).toBe('**Đăng ký khai sinh**\n\n1. Tờ khai.\n\nLàm trực tuyến tại: [dichvucong.gov.vn](https://dichvucong.gov.vn)');
  });

  it('keeps it when a link on it is not among the sources, or there are no sources', () => {
    const text = 'Trả lời.\n\nNguồn: [Khác](https://example.gov.vn/b)';
    expect(withoutSourceLine(text, [source])).toBe(text);
    expect(withoutSourceLine('Trả lời.\n\nNguồn: [Đăng ký khai sinh](https://dichvucong.gov.vn/a)', [])).toContain('Nguồn:');
  });
});
