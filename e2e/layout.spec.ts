import { expect, test, type AppPage } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** Browser zoom Z on a W×H window is a (W/Z)×(H/Z) CSS viewport at device scale Z. */
const SIZES = [
  { name: '1280×720', width: 1280, height: 720, scale: 1 },
  { name: '1920×1080', width: 1920, height: 1080, scale: 1 },
  { name: '150 % zoom at 1280×720', width: 853, height: 480, scale: 1.5 },
  { name: '200 % zoom at 1280×720', width: 640, height: 360, scale: 2 },
  { name: 'tablet 768', width: 768, height: 1024, scale: 1 },
  { name: 'phone 390', width: 390, height: 844, scale: 2 },
] as const;

interface TextSize {
  readonly text: string;
  readonly size: number;
}

/** Every visible piece of text on the page with its computed font size (HTML and SVG). */
function visibleTextSizes(page: Page): Promise<TextSize[]> {
  return page.evaluate(() => {
    const out: { text: string; size: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (parent.closest('title, style, script, option, [hidden]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      out.push({ text: text.slice(0, 40), size: parseFloat(getComputedStyle(parent).fontSize) });
    }
    return out;
  });
}

/** Text boxes inside a region's SVG that overlap another text box. */
function overlappingLabels(page: Page, region: string): Promise<string[]> {
  return page.evaluate((name) => {
    const host = [...document.querySelectorAll('[aria-label]')].find(
      (e) => e.getAttribute('aria-label') === name,
    );
    if (!host) return [`no region ${name}`];
    const boxes = [...host.querySelectorAll('svg text')]
      .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
      .filter((b) => b.text.trim() !== '' && b.r.width > 0);
    const bad: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        // a pixel of tolerance: glyph boxes of neighbouring lines may touch
        if (
          a.left < b.right - 1 &&
          b.left < a.right - 1 &&
          a.top < b.bottom - 1 &&
          b.top < a.bottom - 1
        )
          bad.push(`"${boxes[i].text}" × "${boxes[j].text}"`);
      }
    return bad;
  }, region);
}

async function at(app: AppPage, width: number, height: number, scale: number) {
  const context = await app.page.context().browser()!.newContext({
    viewport: { width, height },
    deviceScaleFactor: scale,
  });
  const page = await context.newPage();
  const other = new (app.constructor as new (page: Page) => AppPage)(page);
  await other.open();
  return { page: other, close: () => context.close() };
}

test.describe('sizes, zoom and layout', () => {
  test.describe.configure({ timeout: 120_000 });

  for (const size of SIZES)
    test(`no sideways scroll and no text under 12 px at ${size.name}`, async ({ app }) => {
      const { page, close } = await at(app, size.width, size.height, size.scale);
      try {
        const widths = await page.page.evaluate(() => ({
          scroll: document.scrollingElement!.scrollWidth,
          viewport: window.innerWidth,
        }));
        expect(widths.scroll).toBe(widths.viewport);
        const small = (await visibleTextSizes(page.page)).filter((t) => t.size < 12);
        expect(small).toEqual([]);
      } finally {
        await close();
      }
    });

  test('at 1280×720 the whole NMI story is on screen without scrolling', async ({ app }) => {
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.whenIdle();
    const inView = async (locator: ReturnType<AppPage['region']>) => {
      const box = await locator.boundingBox();
      expect(box, 'drawn').not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    };
    await inView(app.region('Distributor'));
    for (const pe of [0, 1, 2, 3]) await inView(app.region(`PE ${pe}`));
    await inView(app.region('NMI candidates'));
    await inView(app.region('Priority masking'));
    await expect(app.region('CPU interface 0')).toContainText('NMI 0x80 < 0xC0: passed');
    expect(await app.page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('body text is 16 px, cell numbers 14 px; presenter mode nothing under 24 px', async ({
    app,
  }) => {
    await app.page.setViewportSize({ width: 1920, height: 1080 });
    expect(await app.page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('16px');
    const cellNumbers = await app.page.evaluate(() =>
      [...document.querySelectorAll('.diagram-cell text')].map((t) =>
        parseFloat(getComputedStyle(t).fontSize),
      ),
    );
    expect(cellNumbers.length).toBeGreaterThan(0);
    expect(Math.min(...cellNumbers)).toBeGreaterThanOrEqual(12);
    const numbers = await app.page.evaluate(() =>
      [...document.querySelectorAll('.diagram-cell text:first-of-type')].map((t) =>
        parseFloat(getComputedStyle(t).fontSize),
      ),
    );
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(14);
    await app.page.keyboard.press('p');
    await app.whenIdle();
    const small = (await visibleTextSizes(app.page)).filter((t) => t.size < 24);
    expect(small).toEqual([]);
  });

  test('no two labels of the timeline or the ladder overlap', async ({ app }) => {
    for (const [scenario, until, pe] of [
      ['rfc-nmi', 280_000, 2],
      ['pmr-ladder', 211_000, 0],
      ['binary-point', 117_000, 0],
      ['timer-never-fires', 900_000, 1],
    ] as const) {
      await app.loadScenario(scenario);
      await app.call('runUntil', until);
      await app.region('CPU interface ' + pe).click({ position: { x: 20, y: 8 } });
      await app.whenIdle();
      await expect(app.region('Priority ladder')).toContainText(`PE ${pe}`);
      expect(await overlappingLabels(app.page, 'Priority ladder'), scenario).toEqual([]);
      expect(await overlappingLabels(app.page, 'Timeline'), scenario).toEqual([]);
      // zoomed in, the timeline places its labels again
      const chart = app.region('Timeline').locator('svg');
      await chart.hover({ position: { x: 400, y: 80 } });
      await app.page.mouse.wheel(0, -600);
      await app.whenIdle();
      expect(await overlappingLabels(app.page, 'Timeline'), `${scenario} zoomed`).toEqual([]);
    }
  });

  test('the timeline has an axis with units and a legend; NMI bars name their INTID', async ({
    app,
  }) => {
    const timeline = app.region('Timeline');
    await expect(timeline).toContainText('time (µs)');
    await expect(timeline.getByRole('list', { name: 'Timeline legend' })).toContainText(
      'NMI handler',
    );
    await app.call('runUntil', 290_000);
    await expect(timeline.locator('rect.bar-nmi title').first()).toContainText(
      /^PE 0: NMI 33 uart-pl011/,
    );
    await expect(timeline.locator('text.step-label.pmr').first()).toContainText(/^PMR 0x/);
    await timeline.getByRole('button', { name: 'Zoom to fit' }).click();
  });
});
