import { describe, expect, it } from 'vitest';
import { contrast, palette, parseHex } from '../../src/widget/color.js';

describe('palette', () => {
  it('accepts only #rgb / #rrggbb (nothing that could break out of the stylesheet)', () => {
    expect(parseHex('#b71c1c')).toEqual([183, 28, 28]);
    expect(parseHex('#FFF')).toEqual([255, 255, 255]);
    for (const bad of ['red', 'b71c1c', '#b71c1c;}*{display:none', 'url(x)', '', null]) expect(parseHex(bad)).toBeNull();
    expect(palette('red;}')).toEqual(palette('#b71c1c'));
  });

  it('keeps text readable (WCAG AA) whatever colour the portal picks', () => {
    for (const c of ['#b71c1c', '#ffeb3b', '#00ff00', '#777777', '#0d47a1', '#ffffff', '#000']) {
      const p = palette(c);
      expect(contrast(parseHex(p.brand)!, parseHex(p.onBrand)!), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(parseHex(p.ink)!, [255, 255, 255]), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(palette('#b71c1c')).toEqual({ brand: '#b71c1c', onBrand: '#ffffff', ink: '#b71c1c' });
  });
});
