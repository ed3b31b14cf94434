import { expect, type AppPage } from './fixtures.ts';

// What a user reads off the page, as numbers: the clock, the Event log's newest row, the
// timeline's open bars, the PE panels. The truth-*.spec.ts journeys compare these.

/** "12.3 µs" / "1.234 ms" / "15 ns" → ns (to the display's precision). */
export function parseTime(text: string): number {
  const m = /([\d.]+)\s*(ns|µs|ms|s)\b/.exec(text);
  if (!m) throw new Error(`no time in "${text}"`);
  const scale = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 }[m[2] as 'ns' | 'µs' | 'ms' | 's'];
  return Number(m[1]) * scale;
}

/** The clock in the Playback toolbar, in ns. */
export async function clock(app: AppPage): Promise<number> {
  return parseTime(
    (await app.page.locator('output[aria-label="Virtual time"]').textContent()) ?? '',
  );
}

/** The Event log's newest visible row (the top one): its time in ns and its text. */
export async function newestRow(app: AppPage): Promise<{ time: number; text: string } | null> {
  const rows = app.region('Event log').getByRole('list', { name: 'Events' }).getByRole('button');
  if ((await rows.count()) === 0) return null;
  const top = rows.first();
  const time = (await top.locator('.t').textContent()) ?? '';
  return { time: parseTime(time), text: ((await top.textContent()) ?? '').trim() };
}

/** Every visible Event log row's text. */
export async function logTexts(app: AppPage): Promise<string[]> {
  return app
    .region('Event log')
    .getByRole('list', { name: 'Events' })
    .getByRole('button')
    .allTextContents();
}

/** The timeline's bars still open at the cursor, by their tooltip (`PE 0: IRQ 33 …`). */
export async function openBars(app: AppPage): Promise<string[]> {
  return app.region('Timeline').locator('rect.bar.open title').allTextContents();
}

/** The handler stack the PE's region shows, as one text. */
export async function peText(app: AppPage, pe: number): Promise<string> {
  return (await app.region(`PE ${pe}`).textContent()) ?? '';
}

/** The clock and the newest log row agree: no row after the clock (display precision 0.1 µs). */
export async function expectLogAtClock(app: AppPage): Promise<{ time: number; row: string }> {
  const time = await clock(app);
  const row = await newestRow(app);
  expect(row, 'the Event log has a row').not.toBeNull();
  expect(
    row!.time,
    `newest row "${row!.text}" lies after the clock ${time} ns`,
  ).toBeLessThanOrEqual(time);
  return { time, row: row!.text };
}
