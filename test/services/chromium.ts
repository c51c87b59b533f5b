/**
 * Headless Chromium (Debian's `chromium`) for tests that must see a page as a browser draws it: the
 * DOM after the page's scripts ran (`--dump-dom`) and a PNG screenshot. Each run gets its own
 * profile folder, no network (every host name fails to resolve, so a page that needs one shows it)
 * and a timeout; the flags make screenshots repeatable (sRGB, scale 1, no scrollbars).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exec, which } from '../../src/core/exec.js';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser's path: BUILD_TOOLS_CHROMIUM when set, else the first candidate on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BUILD_TOOLS_CHROMIUM) return which(env.BUILD_TOOLS_CHROMIUM, env.PATH);
  for (const name of CANDIDATES) {
    const found = which(name, env.PATH);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether browser tests run here; they skip when no browser is installed. CI sets
 * BUILD_TOOLS_REQUIRE_CHROMIUM=1 so that a missing browser fails those tests instead of skipping them.
 */
export function chromiumAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BUILD_TOOLS_REQUIRE_CHROMIUM === '1' || findChromium(env) !== undefined;
}

export interface PageOptions {
  width?: number;
  height?: number;
  timeoutMs?: number;
}

export interface RenderedPage {
  /** The serialized DOM after load and scripts. */
  dom: string;
  /** The PNG screenshot of the window (width × height). */
  png: Buffer;
}

/** The argument array for one headless run against `url`; exported so its flags can be tested. */
export function chromiumArguments(profile: string, url: string, task: { screenshot: string } | 'dump-dom', options: PageOptions = {}) {
  const root = process.getuid?.() === 0;
  return [
    '--headless',
    // Chromium refuses to start its sandbox as root (containers, CI images).
    ...(root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-sync',
    '--mute-audio',
    '--hide-scrollbars',
    '--force-color-profile=srgb',
    '--force-device-scale-factor=1',
    '--font-render-hinting=none',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
    `--window-size=${options.width ?? 1280},${options.height ?? 1024}`,
    ...(task === 'dump-dom' ? ['--dump-dom'] : [`--screenshot=${task.screenshot}`]),
    url,
  ];
}

async function runChromium(args: string[], timeoutMs: number) {
  const browser = findChromium();
  if (!browser) throw new Error(`No Chromium found (looked for ${CANDIDATES.join(', ')} on PATH); install Debian's chromium`);
  return exec(browser, args, { silent: true, timeoutMs, env: { DBUS_SESSION_BUS_ADDRESS: undefined } });
}

async function withPage<T>(html: string, use: (url: string, directory: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'bt-chromium-'));
  try {
    const page = join(directory, 'page.html');
    writeFileSync(page, html);
    return await use(pathToFileURL(page).href, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The DOM of `html` once loaded and its scripts ran, as headless Chromium serializes it. */
export async function dumpDom(html: string, options: PageOptions = {}): Promise<string> {
  return withPage(html, async (url, directory) => {
    const dumped = await runChromium(chromiumArguments(join(directory, 'profile'), url, 'dump-dom', options), options.timeoutMs ?? 60_000);
    return dumped.stdout;
  });
}

/** A PNG screenshot of `html` in a window of the given size. */
export async function screenshot(html: string, options: PageOptions = {}): Promise<Buffer> {
  return withPage(html, async (url, directory) => {
    const file = join(directory, 'screenshot.png');
    await runChromium(chromiumArguments(join(directory, 'profile'), url, { screenshot: file }, options), options.timeoutMs ?? 60_000);
    return readFileSync(file);
  });
}

/** Opens `html` in headless Chromium; returns its DOM and a screenshot. */
export async function renderPage(html: string, options: PageOptions = {}): Promise<RenderedPage> {
  return { dom: await dumpDom(html, options), png: await screenshot(html, options) };
}
