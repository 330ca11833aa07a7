import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseInline, plainText, safeHref, type Block, type Inline } from '../../src/widget/markdown.js';

/** Every link target anywhere in a tree. */
function hrefs(blocks: Block[]): string[] {
  const out: string[] = [];
  const inline = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.t === 'link') out.push(n.href);
      if (n.t === 'strong' || n.t === 'em' || n.t === 'link') inline(n.c);
    }
  };
  const list = (items: { c: Inline[]; sub?: { items: { c: Inline[] }[] } }[]) =>
    items.forEach((i) => {
      inline(i.c);
      if (i.sub) list(i.sub.items);
    });
  for (const b of blocks) b.t === 'p' ? inline(b.c) : list(b.items);
  return out;
}

const text = (v: string): Inline => ({ t: 'text', v });

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(parseMarkdown('Dòng một\nDòng hai\n\nĐoạn hai')).toEqual([
      { t: 'p', c: [text('Dòng một'), { t: 'br' }, text('Dòng hai')] },
      { t: 'p', c: [text('Đoạn hai')] },
    ]);
  });

  it('parses numbered and bulleted lists, keeping the start number', () => {
    const blocks = parseMarkdown('Giấy tờ:\n\n1. Tờ khai\n2. Giấy chứng sinh\n\n- Lệ phí: **miễn**\n* Thời hạn: 1 ngày\n\n3) Tiếp');
    expect(blocks).toEqual([
      { t: 'p', c: [text('Giấy tờ:')] },
      { t: 'ol', start: 1, items: [{ c: [text('Tờ khai')] }, { c: [text('Giấy chứng sinh')] }] },
      { t: 'ul', items: [{ c: [text('Lệ phí: '), { t: 'strong', c: [text('miễn')] }] }, { c: [text('Thời hạn: 1 ngày')] }] },
      { t: 'ol', start: 3, items: [{ c: [text('Tiếp')] }] },
    ]);
  });

  it('nests an indented list under an item and continues an item on an indented line', () => {
    const [list] = parseMarkdown('1. Nộp ở xã\n   - Buổi sáng\n   - Buổi chiều\n2. Nộp trực tuyến\n   trên VNeID');
    expect(list).toEqual({
      t: 'ol',
      start: 1,
      items: [
        { c: [text('Nộp ở xã')], sub: { t: 'ul', items: [{ c: [text('Buổi sáng')] }, { c: [text('Buổi chiều')] }] } },
        { c: [text('Nộp trực tuyến'), { t: 'br' }, text('trên VNeID')] },
      ],
    });
  });

  it('renders bold, italic and headings', () => {
    expect(parseInline('**Đăng ký** và _lưu ý_ và *nghiêng* và __đậm__')).toEqual([
      { t: 'strong', c: [text('Đăng ký')] },
      text(' và '),
      { t: 'em', c: [text('lưu ý')] },
      text(' và '),
      { t: 'em', c: [text('nghiêng')] },
      text(' và '),
      { t: 'strong', c: [text('đậm')] },
    ]);
    expect(parseMarkdown('## Lệ phí')).toEqual([{ t: 'p', c: [{ t: 'strong', c: [text('Lệ phí')] }] }]);
  });

  it('leaves underscores inside words, lone stars and unclosed markers as text', () => {
    expect(parseInline('ma_ho_so 2 * 3 **chưa đóng')).toEqual([text('ma_ho_so 2 * 3 **chưa đóng')]);
    expect(parseInline('\\*không nghiêng\\*')).toEqual([text('*không nghiêng*')]);
  });

  it('makes http(s) links, markdown and bare, and trims trailing punctuation from bare ones', () => {
    const blocks = parseMarkdown('Nguồn: [Đăng ký khai sinh](https://dichvucong.gov.vn/thu-tuc/1)\nXem https://dichvucong.gov.vn.');
    expect(blocks).toEqual([
      {
        t: 'p',
        c: [
          text('Nguồn: '),
          { t: 'link', href: 'https://dichvucong.gov.vn/thu-tuc/1', c: [text('Đăng ký khai sinh')] },
          { t: 'br' },
          text('Xem '),
          { t: 'link', href: 'https://dichvucong.gov.vn/', c: [text('https://dichvucong.gov.vn')] },
          text('.'),
        ],
      },
    ]);
  });

  it('never links anything but http(s): javascript:, data:, vbscript:, relative, protocol-relative', () => {
    const payloads = [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x]( javascript:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox(1))',
      '[x](/relative)',
      '[x](//evil.example/)',
      '[x](https://ok.example/"onmouseover="alert(1))',
    ];
    for (const p of payloads) {
      const blocks = parseMarkdown(p);
      expect(hrefs(blocks), p).toEqual([]);
      expect(plainText(blocks), p).toContain('x');
    }
    expect(parseInline('[bấm vào đây](javascript:alert(1))')).toEqual([text('bấm vào đây')]);
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://a.example/x y')).toBeNull();
    expect(safeHref('HTTPS://A.example/x')).toBe('https://a.example/x');
  });

  it('keeps HTML as literal text: <img onerror>, <script>, entities', () => {
    const img = '<img src=x onerror=alert(1)>';
    expect(parseMarkdown(img)).toEqual([{ t: 'p', c: [text(img)] }]);
    const script = 'Trước <script>alert(1)</script> sau';
    expect(parseMarkdown(script)).toEqual([{ t: 'p', c: [text(script)] }]);
    expect(parseMarkdown('**<b onclick=alert(1)>đậm</b>**')).toEqual([{ t: 'p', c: [{ t: 'strong', c: [text('<b onclick=alert(1)>đậm</b>')] }] }]);
    expect(parseMarkdown('&lt;img&gt;')).toEqual([{ t: 'p', c: [text('&lt;img&gt;')] }]);
    // A link label is text too, and a link cannot smuggle a second link inside its label.
    expect(parseInline('[<img src=x onerror=alert(1)>](https://a.example/)')).toEqual([
      { t: 'link', href: 'https://a.example/', c: [text('<img src=x onerror=alert(1)>')] },
    ]);
    expect(hrefs(parseMarkdown('[https://b.example](https://a.example/)'))).toEqual(['https://a.example/']);
  });

  it('renders a real answer from the server', () => {
    const answer =
      '**Đăng ký khai sinh**\n\n**Giấy tờ cần chuẩn bị**\n\n1. Tờ khai đăng ký khai sinh (lấy ở xã).\n2. Giấy chứng sinh do trạm y tế, bệnh viện cấp.\n\nNguồn: [Đăng ký khai sinh](https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd)\nLàm trực tuyến tại: [dichvucong.gov.vn](https://dichvucong.gov.vn)';
    const blocks = parseMarkdown(answer);
    expect(blocks.map((b) => b.t)).toEqual(['p', 'p', 'ol', 'p']);
    expect(hrefs(blocks)).toEqual(['https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd', 'https://dichvucong.gov.vn/']);
    expect(plainText(blocks)).toContain('1. Tờ khai đăng ký khai sinh');
  });

  it('copes with empty and hostile input', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('\n\n  \n')).toEqual([]);
    const long = '['.repeat(5000) + '*'.repeat(5000) + '_'.repeat(5000);
    const t0 = Date.now();
    expect(plainText(parseMarkdown(long))).toBe(long);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
