/**
 * End to end: index.html opened from disk in headless Chromium (the one `npm run setup`
 * provisions, driven by playwright-core): every chart's SVG is there with a size, and the page logs no errors
 * and asks for nothing from the network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSpecs } from '../../bench/charts/index.js';
import { namespaceSvgIds } from '../../bench/reporters/html.js';
import { writeReport } from '../../bench/reporters/write-report.js';
import { chromiumExecutable } from '../../bench/setup/parts/chromium.js';
import { loadFixture } from './fixture.js';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  const executable = chromiumExecutable();
  if (!executable) throw new Error('no Chromium found: `npm run setup` installs it (npm test runs it first)');
  dir = mkdtempSync(join(tmpdir(), 'loopbench-html-'));
  await writeReport(loadFixture(), dir);
  browser = await chromium.launch({ executablePath: executable, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('index.html in Chromium', () => {
  it('shows every chart with a non-zero size, the claims and the tables, without errors or network', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`network: ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });

    const expected = chartSpecs(loadFixture()).map((c) => `chart-${c.name}`);
    expect(expected).toHaveLength(7);
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector(':scope > svg');
        const box = svg?.getBoundingClientRect();
        return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, caption: f.querySelector('figcaption')?.textContent ?? '' };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(expected);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(200);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.caption.length, c.id).toBeGreaterThan(20);
    }
    expect(await page.locator('table.claims tbody tr').count()).toBe(15);
    expect(await page.locator('.badge.refuted').count()).toBeGreaterThan(0);
    expect(await page.locator('table.figures').count()).toBe(3);
    // Ids stay unique once every chart's SVG is inlined in one document.
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('namespaceSvgIds', () => {
  it('prefixes ids and the references to them', () => {
    const svg = '<svg><defs><clipPath id="clip1"/></defs><g clip-path="url(#clip1)"><use xlink:href="#clip1"/></g></svg>';
    expect(namespaceSvgIds(svg, 'a')).toBe('<svg><defs><clipPath id="a-clip1"/></defs><g clip-path="url(#a-clip1)"><use xlink:href="#a-clip1"/></g></svg>');
  });
});
