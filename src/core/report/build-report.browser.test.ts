/**
 * The build report as a browser draws it: the fixture run (three components, one unchanged and skipped,
 * two test stages side by side, a failed tier, cache hits, a deployment) rendered to HTML, opened in
 * headless Chromium, then checked from the DOM it ends with and from pixels of its screenshot. The
 * pixel checks are facts about shapes and colours (where bars are, which colours appear), not a
 * comparison with a reference image, so fonts and anti-aliasing of another machine do not matter.
 * Set BUILD_TOOLS_REPORT_SCREENSHOT=<file.png> to keep the screenshot for a look.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, dumpDom, type RenderedPage, renderPage } from '../../../test/services/chromium.js';
import { type Band, colourBands, decodePng, type Image, whereColour } from '../../../test/services/png.js';
import type { BuildMetrics } from '../metrics/record.js';
import { buildMetricsSchema } from '../metrics/schema.js';
import { renderHtmlReport } from './build-report.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/build-report');
const fixture = (name: string): BuildMetrics => buildMetricsSchema.parse(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));

/** The colours the page draws with (its style sheet); text uses other shades, so these are shapes. */
const SUCCEEDED = '#2da44e';
const FAILED = '#cf222e';
const SKIPPED_HATCH = '#8c959f';
const CACHE_HIT = '#0969da';
const CACHE_PARTIAL = '#54aeff';
const UNCHANGED = '#8250df';
const FAILED_TIER_ROW = '#ffebe9';

/** The text of each row of the first table after `marker`, cell by cell. */
function tableAfter(dom: string, marker: string): string[][] {
  const start = dom.indexOf(marker);
  expect(start, `${marker} in the page`).toBeGreaterThanOrEqual(0);
  const table = dom.slice(start, dom.indexOf('</table>', start));
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, '').trim()),
  );
}

const overlaps = (band: Band, other: Band) => band.top <= other.bottom && other.top <= band.bottom;

describe.skipIf(!chromiumAvailable())('the build report in headless Chromium', () => {
  const metrics = fixture('metrics.json');
  const previous = fixture('previous-metrics.json');
  let page: RenderedPage;
  let image: Image;

  beforeAll(async () => {
    page = await renderPage(renderHtmlReport(metrics, previous), { width: 1280, height: 1200 });
    if (process.env.BUILD_TOOLS_REPORT_SCREENSHOT) writeFileSync(process.env.BUILD_TOOLS_REPORT_SCREENSHOT, page.png);
    image = decodePng(page.png);
  });

  it('is self-contained: no scripts, style sheets, images or fonts from anywhere', () => {
    expect(page.dom).toMatch(/^<!DOCTYPE html>/);
    expect(page.dom).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face/i);
    expect(page.dom).not.toMatch(/(src|href)\s*=|url\(/i);
    expect(page.dom).not.toMatch(/https?:\/\//);
  });

  it('shows every stage on the timeline, in order, with the component of fanned-out stages', () => {
    expect([...page.dom.matchAll(/data-stage="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'setup-deps',
      'incremental-hash',
      'run-test-pyramid · docs',
      'run-test-pyramid · api',
      'run-test-pyramid · web',
      'docker-package · api',
      'docker-package · web',
      'security-scan · api',
      'deploy-strategy · api',
      'setup-deps (post)',
    ]);
    expect(page.dom).toContain('no component changed since the last successful build');
    expect(page.dom).toMatch(/data-stage="run-test-pyramid · docs"[^\n]*title="skipped by incremental-hash">unchanged</);
    expect(page.dom).toMatch(/<li><b>run-test-pyramid · web<\/b>: tier 'integration': 2 of 38 tests failed<\/li>/);
    expect([...page.dom.matchAll(/class="tick"[^>]*>([^<]*)</g)].map((match) => match[1])).toEqual([
      '0 s',
      '30 s',
      '1 min',
      '1 min 30 s',
      '2 min',
    ]);
  });

  it('shows the tests of each component by tier, with the failed tier', () => {
    expect(page.dom).toMatch(/<h3>api — 218\/219 passed, coverage 84\.1%<\/h3>/);
    expect(page.dom).toMatch(/<h3>web — 133\/135 passed, <span class="text-failure">2 failed<\/span>, coverage 76\.4%<\/h3>/);
    expect(tableAfter(page.dom, '<h3>web')).toEqual([
      ['tier', 'status', 'tests', 'duration'],
      ['unit', 'passed', '97', '6.2 s'],
      ['integration', 'failed', '38', '24.8 s'],
      ['e2e', 'skipped', '0', '0 ms'],
    ]);
  });

  it('shows coverage, vulnerabilities, image size and the deployment', () => {
    const cards = Object.fromEntries(
      [...page.dom.matchAll(/<div class="title">([^<]+)<\/div><div class="big">([^<]*)<\/div><div class="detail">([^<]*)<\/div>/g)].map(
        (match) => [match[1], `${match[2]} | ${match[3]}`],
      ),
    );
    expect(cards).toEqual({
      Duration: '2 min 31 s | (−1 min 20 s vs previous)',
      Tests: '351/354 | 2 failed, 1 skipped, 1 flaky',
      Coverage: '76.4% | api 84.1%, web 76.4%',
      'Cache hit rate': '71% | 4 hit, 1 partial, 2 miss · 279.8 MiB restored',
      Vulnerabilities: '10 | 0 critical, 1 high, 3 medium, 6 low, 0 unknown',
      Image: '142.0 MiB | ghcr.io/acme/shop-api:develop-4812 (+4.0 MiB vs previous)',
      Deployment: 'promoted | rolling to staging → promoted, 100% traffic, revision ghcr.io/acme/shop-api@sha256:5be1d0c2a7f9',
    });
  });

  it('compares with the previous run', () => {
    expect(tableAfter(page.dom, '<table id="trend"')).toEqual([
      ['figure', 'this run', 'previous', 'change'],
      ['duration', '2 min 31 s', '3 min 51 s', '−1 min 20 s'],
      ['tests', '354', '357', '−3'],
      ['failed tests', '2', '0', '+2'],
      ['coverage', '76.4%', '77.9%', '−1.5 pp'],
      ['cache hit rate', '71%', '0%', '+71 pp'],
      ['critical and high findings', '1', '2', '−1'],
      ['all findings', '10', '11', '−1'],
      ['image size', '142.0 MiB', '138.0 MiB', '+4.0 MiB'],
    ]);
    expect(page.dom).toMatch(/trend-worse">\+2</);
    expect(page.dom).toMatch(/trend-better">−1 min 20 s</);
  });

  it('fits the window from a laptop screen down to a narrow one: no sideways scrolling', async () => {
    // The report has no script; this copy gets one that writes the page's laid-out width into the DOM.
    const probe = '<script>document.body.dataset.scrollWidth = document.documentElement.scrollWidth</script></body>';
    const html = renderHtmlReport(metrics, previous).replace('</body>', probe);
    for (const width of [1280, 1024, 760]) {
      const dom = await dumpDom(html, { width, height: 900 });
      expect(Number(/data-scroll-width="(\d+)"/.exec(dom)?.[1]), `page width in a ${width} px window`).toBe(width);
    }
  });

  it('draws a page, not a blank window', () => {
    expect([image.width, image.height]).toEqual([1280, 1200]);
    const colours = new Set<number>();
    let ink = 0;
    for (let index = 0; index < image.pixels.length; index += 4) {
      const [r, g, b] = [image.pixels[index] ?? 0, image.pixels[index + 1] ?? 0, image.pixels[index + 2] ?? 0];
      colours.add((r << 16) | (g << 8) | b);
      if (r + g + b < 3 * 250) ink++;
    }
    expect(colours.size).toBeGreaterThan(50);
    expect(ink / (image.width * image.height)).toBeGreaterThan(0.05);
  });

  describe('the timeline, as drawn', () => {
    // The failed tier's row is tinted, and only the tests section below the timeline has it.
    let testsTop: number;
    let green: Band[];
    let red: Band[];
    beforeAll(() => {
      testsTop = colourBands(image, FAILED_TIER_ROW)[0]?.top ?? 0;
      // Bars are 16 px high (a narrow one loses a row or two to its rounded corners); the legend's
      // swatches are 12 px and the tier pills 18 px.
      const bars = (colour: string) =>
        colourBands(image, colour).filter(
          (band) => band.bottom < testsTop && band.bottom - band.top + 1 >= 13 && band.bottom - band.top + 1 <= 16,
        );
      green = bars(SUCCEEDED);
      red = bars(FAILED);
    });

    it('draws one bar per stage that ran: seven succeeded, one failed, in stage order', () => {
      expect(testsTop).toBeGreaterThan(0);
      expect(green).toHaveLength(7);
      expect(red).toHaveLength(1);
      const [setup, hash, apiTests, dockerApi] = green as [Band, Band, Band, Band];
      const webTests = red[0] as Band;
      expect(hash.top).toBeGreaterThan(setup.bottom);
      expect(webTests.top).toBeGreaterThan(apiTests.bottom);
      expect(dockerApi.top).toBeGreaterThan(webTests.bottom);
    });

    it('puts the stages that ran side by side at the same place, and the ones after them further right', () => {
      const [setup, hash, apiTests, dockerApi, scan, deploy, post] = green as [Band, Band, Band, Band, Band, Band, Band];
      const webTests = red[0] as Band;
      // api and web tests started 0.2 s apart: the same column, within a pixel or two.
      expect(Math.abs(webTests.left - apiTests.left)).toBeLessThanOrEqual(2);
      // web's tests were shorter (31.6 s against 38.8 s).
      expect(webTests.right).toBeLessThan(apiTests.right - 10);
      // Each sequential stage starts where the one before it ended.
      for (const [before, after] of [
        [setup, hash],
        [hash, apiTests],
        [apiTests, dockerApi],
        [dockerApi, scan],
        [scan, deploy],
        [deploy, post],
      ] as [Band, Band][])
        expect(after.left).toBeGreaterThanOrEqual(before.right - 1);
      // Widths are to scale: deploy took 44.4 s, the scan 12.4 s.
      const ratio = (deploy.right - deploy.left + 1) / (scan.right - scan.left + 1);
      expect(ratio).toBeGreaterThan(3.2);
      expect(ratio).toBeLessThan(4);
    });

    it('marks the skipped stages where they would have started, between their neighbours', () => {
      const [, hash, apiTests, dockerApi, scan] = green as [Band, Band, Band, Band, Band];
      const webTests = red[0] as Band;
      const hatch = whereColour(image, SKIPPED_HATCH);
      const hatchedAt = (top: number, bottom: number, left: number, right: number) =>
        [...hatch.rows].some((y) => y > top && y < bottom) &&
        colourBands(image, SKIPPED_HATCH).some(
          (band) => band.top > top && band.bottom < bottom && band.left >= left && band.right <= right,
        );
      // docs' tests: skipped by incremental-hash, at 13.2 s, like api's tests.
      expect(hatchedAt(hash.bottom, apiTests.top, apiTests.left - 8, apiTests.left + 8)).toBe(true);
      // web's image: skipped when its tests failed, at 45.2 s, where web's tests ended.
      expect(hatchedAt(dockerApi.bottom, scan.top, webTests.right - 8, webTests.right + 8)).toBe(true);
    });

    it('marks the stage skipped because its component had not changed, on its own row', () => {
      const [, hash, apiTests, dockerApi, scan] = green as [Band, Band, Band, Band, Band];
      const chips = colourBands(image, UNCHANGED).filter((band) => band.top > hash.bottom);
      // docs' tests, between incremental-hash and api's tests; not web's image, skipped for another reason.
      expect(chips.filter((chip) => chip.bottom < testsTop)).toHaveLength(1);
      expect(chips[0]?.top).toBeLessThan(apiTests.top);
      expect(chips.some((chip) => chip.top > dockerApi.bottom && chip.bottom < scan.top)).toBe(false);
    });

    it('marks the stages the cache served, on their own row', () => {
      const [setup, hash, apiTests, dockerApi, scan, deploy] = green as [Band, Band, Band, Band, Band, Band];
      const webTests = red[0] as Band;
      const hits = colourBands(image, CACHE_HIT).filter((band) => band.bottom < testsTop);
      const partial = colourBands(image, CACHE_PARTIAL).filter((band) => band.bottom < testsTop);
      for (const bar of [setup, hash, apiTests]) expect(hits.some((chip) => overlaps(chip, bar) && chip.left > bar.right)).toBe(true);
      for (const bar of [webTests, dockerApi, scan, deploy]) expect(hits.some((chip) => overlaps(chip, bar))).toBe(false);
      expect(partial.some((chip) => overlaps(chip, dockerApi))).toBe(true);
    });

    it("colours the failed tier's status in the tests section", () => {
      const tint = whereColour(image, FAILED_TIER_ROW);
      expect(tint.count).toBeGreaterThan(1000);
      const pill = colourBands(image, FAILED).filter((band) => band.top >= testsTop - 2);
      expect(pill).toHaveLength(1);
      expect(tint.rows.has((pill[0] as Band).top + 4)).toBe(true);
    });
  });
});
