import { expect, test } from './fixtures.ts';

const base = {
  format: 'gicscope-scenario',
  version: 1,
  id: 'door',
  title: 'Door',
  machine: { pes: 2 },
  devices: [{ type: 'arch-timer', period: '20us' }],
  runUntil: '100us',
};
const text = (patch: object): string => JSON.stringify({ ...base, ...patch });

// Each was let through before issue 13: the worker died, froze the tab or ran until killed.
const refused: [string, string, RegExp][] = [
  ['spis: 33', text({ machine: { pes: 2, spis: 33 } }), /\$\.machine\.spis: expected 32·N/],
  [
    'a period of 0',
    text({ devices: [{ type: 'spi-source', intid: 40, name: 's', period: 0 }] }),
    /\$\.devices\[0\]\.period: expected a period above 0/,
  ],
  ['runUntil 1e308', text({ runUntil: 1e308 }), /\$\.runUntil: .*beyond the latest time/],
  [
    'nmiByPe longer than pes',
    text({ guest: { nmiByPe: ['pseudo', 'pseudo', 'none'] } }),
    /\$\.guest\.nmiByPe: has 3 entries/,
  ],
  ['a syntax error', '{\n  "format": "gicscope-scenario",\n}', /line 3, column 1/],
  ['not an object', '{"a": [1, 2, 3]}', /\$: .*Unrecognized keys|\$\.format/],
  ['deep nesting', `{"a": ${'['.repeat(50_000)}`, /not JSON/],
];

test.describe('every scenario text gets an answer, and the worker lives on', () => {
  test('malformed scenarios are refused with where and what; a byte-order mark is fine', async ({
    app,
  }) => {
    for (const [name, body, message] of refused) {
      const outcome = await app.call('loadScenario', body);
      expect(outcome.ok, name).toBe(false);
      expect(outcome.detail, name).toMatch(message);
      expect((await app.state()).status, name).toBe('ready');
    }
    await expect(app.connection).toHaveText('Simulation connected');
    await app.loadScenario(`\uFEFF${text({})}`);
    expect((await app.state()).scenario).toBe('door');
    await app.call('runUntil', 100_000);
    expect((await app.state()).time).toBe(100_000);
  });
});
