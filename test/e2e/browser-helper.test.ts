import { describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';

describe('browser tests without Chromium', () => {
  it('fail with what to install, naming the path tried', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow('Chromium not found at /nonexistent/chromium: install Chromium: apt-get install chromium');
  });
});
