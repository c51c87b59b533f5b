import { describe, expect, it } from 'vitest';
import { chromiumArguments, chromiumAvailable, findChromium, renderPage } from './chromium.js';
import { colourAt, decodePng, whereColour } from './png.js';

describe('findChromium', () => {
  it('takes the first browser on PATH, or the one BUILD_TOOLS_CHROMIUM names', () => {
    expect(findChromium({ PATH: '/nonexistent' })).toBeUndefined();
    expect(findChromium({ PATH: '/nonexistent', BUILD_TOOLS_CHROMIUM: '/bin/sh' })).toBe('/bin/sh');
    expect(chromiumAvailable({ PATH: '/nonexistent' })).toBe(false);
    expect(chromiumAvailable({ PATH: '/nonexistent', BUILD_TOOLS_REQUIRE_CHROMIUM: '1' })).toBe(true);
  });

  it('runs headless with a private profile, the window size and one task', () => {
    const args = chromiumArguments('/tmp/profile', 'file:///tmp/page.html', { screenshot: '/tmp/shot.png' }, { width: 800, height: 600 });
    expect(args).toEqual(
      expect.arrayContaining([
        '--headless',
        '--disable-gpu',
        '--user-data-dir=/tmp/profile',
        '--window-size=800,600',
        '--screenshot=/tmp/shot.png',
      ]),
    );
    expect(args.at(-1)).toBe('file:///tmp/page.html');
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(chromiumArguments('/p', 'file:///x', 'dump-dom')).toContain('--dump-dom');
  });
});

describe.skipIf(!chromiumAvailable())('headless Chromium', () => {
  it('returns the DOM after scripts ran and a screenshot of what it drew, offline', async () => {
    const page = await renderPage(
      `<!DOCTYPE html><html><body style="margin:0;background:#fff">
<div style="position:absolute;left:40px;top:20px;width:100px;height:50px;background:#cf222e"></div>
<img src="http://example.com/logo.png" onerror="document.body.dataset.network='unreachable'" onload="document.body.dataset.network='reached'">
<script>document.body.dataset.script = 'ran';</script></body></html>`,
      { width: 320, height: 200 },
    );
    expect(page.dom).toContain('data-script="ran"');
    expect(page.dom).toContain('data-network="unreachable"');
    const image = decodePng(page.png);
    expect([image.width, image.height]).toEqual([320, 200]);
    const red = whereColour(image, '#cf222e');
    expect(red.count).toBe(100 * 50);
    expect([Math.min(...red.columns), Math.max(...red.columns), Math.min(...red.rows), Math.max(...red.rows)]).toEqual([40, 139, 20, 69]);
    expect(colourAt(image, 200, 150)).toBe('#ffffff');
  });
});
