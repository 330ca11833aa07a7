import { describe, expect, it } from 'vitest';
import { shortLabels } from '../../src/widget/chips.js';

describe('short chip labels', () => {
  it('says a topic shared by every follow-up once, and shows the rest of each (the full question is still asked)', () => {
    const { topic, items } = shortLabels(['Đăng ký khai sinh: mất bao lâu, lệ phí bao nhiêu?', 'Đăng ký khai sinh: nộp ở đâu?']);
    expect(topic).toBe('Đăng ký khai sinh');
    expect(items).toEqual([
      { shown: 'Mất bao lâu, lệ phí bao nhiêu?', asked: 'Đăng ký khai sinh: mất bao lâu, lệ phí bao nhiêu?' },
      { shown: 'Nộp ở đâu?', asked: 'Đăng ký khai sinh: nộp ở đâu?' },
    ]);
  });

  it('leaves chips whole when their topics differ, when there is only one, or when there is no topic', () => {
    expect(shortLabels(['Đăng ký khai sinh: ở đâu?', 'Đăng ký kết hôn: ở đâu?']).topic).toBeUndefined();
    expect(shortLabels(['Đăng ký khai sinh: ở đâu?'])).toEqual({ items: [{ shown: 'Đăng ký khai sinh: ở đâu?', asked: 'Đăng ký khai sinh: ở đâu?' }] });
    expect(shortLabels(['Lệ phí bao nhiêu?', 'Nộp ở đâu?']).items.map((i) => i.shown)).toEqual(['Lệ phí bao nhiêu?', 'Nộp ở đâu?']);
  });
});
