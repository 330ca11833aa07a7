import { describe, expect, it } from 'vitest';
import { visibleLength, visibleText } from '../../src/answer/visible.js';
import { markdownText } from '../../src/widget/markdown.js';

describe('visible text of an answer', () => {
  it('drops markup the citizen does not see, like the widget renders it', () => {
    const md = '**Lệ phí:** 15.000 đồng.\n\n- **Dưới 6 tuổi:** làm trực tuyến.\n- Xem [trang thủ tục](https://dichvucong.gov.vn/x).\n\n1. Đăng nhập.\n2. Nộp hồ sơ.';
    expect(visibleText(md)).toBe('Lệ phí: 15.000 đồng.\n\nDưới 6 tuổi: làm trực tuyến.\nXem trang thủ tục.\n\n1. Đăng nhập.\n2. Nộp hồ sơ.');
    // the same length the widget's own renderer gives (the eval measures what is on screen)
    expect(visibleLength(md)).toBe([...markdownText(md)].length);
  });
});
