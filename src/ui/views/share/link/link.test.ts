import { describe, expect, it } from 'vitest';
import { deflateToBase64Url, inflateFromBase64Url, LinkDataError } from './compress.ts';
import { formatLink, LINK_VERSION, MAX_SCENARIO_BYTES, parseLink } from './link-format.ts';
import type { LinkState } from './link-format.ts';

const full: LinkState = {
  scenario: { kind: 'builtin', id: 'rfc-nmi' },
  t: 95000,
  at: 1234,
  pe: 1,
  irq: 'pe1:ppi:27',
  nmi: 'architected',
  presenter: true,
};

describe('deep links', () => {
  it('a view survives the round trip through the URL', () => {
    const search = formatLink(full);
    expect(search).toBe(
      '?v=1&s=rfc-nmi&t=95000&at=1234&pe=1&irq=pe1%3Appi%3A27&nmi=architected&present=1',
    );
    expect(parseLink(search)).toEqual({ state: full, problems: [], present: true });
  });

  it('keeps the page’s own switches (motion) and nothing else', () => {
    const search = formatLink(full, new URLSearchParams('motion=off&at=5&junk=1'));
    expect(new URLSearchParams(search).get('motion')).toBe('off');
    expect(new URLSearchParams(search).get('junk')).toBeNull();
  });

  it('an old ?scenario= link still opens its built-in', () => {
    expect(parseLink('?scenario=pmr-ladder')).toMatchObject({
      state: { scenario: { kind: 'builtin', id: 'pmr-ladder' }, at: null },
      problems: [],
    });
  });

  it('a link from a newer format says why it cannot be opened', () => {
    const parsed = parseLink(`?v=${LINK_VERSION + 1}&s=rfc-nmi&at=3`);
    expect(parsed.state.scenario).toBeNull();
    expect(parsed.problems).toEqual([expect.stringMatching(/newer gicscope \(link format 2;/)]);
  });

  it('a URL without view settings is not a link', () => {
    expect(parseLink('?motion=off').present).toBe(false);
  });

  it.each([
    ['?v=1&s=rfc-nmi&at=-3', /moment \(at=\) "-3" is not a number/],
    ['?v=1&s=rfc-nmi&at=1e9', /moment \(at=\) "1e9"/],
    ['?v=1&s=rfc-nmi&pe=999', /PE \(pe=\) "999" is not a number from 0 to 255/],
    ['?v=1&s=rfc-nmi&irq=spi:33;alert(1)', /interrupt "spi:33;alert\(1\)" is not one/],
    ['?v=1&s=rfc-nmi&nmi=sometimes', /NMI mode "sometimes"/],
    ['?v=1&s=%3Cscript%3E', /"<script>", which is not a scenario id/],
    ['?v=1&c=abc$def', /not base64url text/],
    ['?v=x', /format version "x" is not a number/],
    ['?v=0&s=rfc-nmi', /Link format 0 never existed/],
  ])('%s: what cannot be used is left out and said', (search, problem) => {
    const parsed = parseLink(search);
    expect(parsed.problems).toEqual([expect.stringMatching(problem)]);
  });

  it('refuses an oversized scenario without unpacking it', () => {
    const parsed = parseLink(`?v=1&c=${'A'.repeat(70_000)}`);
    expect(parsed.state.scenario).toBeNull();
    expect(parsed.problems[0]).toMatch(/is 68 KB, more than the 64 KB a link may carry/);
  });
});

describe('a custom scenario compressed into a link', () => {
  it('round-trips, and is much shorter than the JSON', async () => {
    const text = JSON.stringify({
      format: 'gicscope-scenario',
      timeline: Array(50).fill({ at: '10us', do: 'inject-nmi' }),
    });
    const data = await deflateToBase64Url(text);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(data.length).toBeLessThan(text.length / 5);
    expect(await inflateFromBase64Url(data, MAX_SCENARIO_BYTES)).toBe(text);
  });

  it('stops unpacking a bomb at the limit', async () => {
    const bomb = await deflateToBase64Url('0'.repeat(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(inflateFromBase64Url(bomb, MAX_SCENARIO_BYTES)).rejects.toThrow(
      /unpacks to more than 512 KB/,
    );
  });

  it('says a truncated link is cut off', async () => {
    const data = await deflateToBase64Url(JSON.stringify({ a: 'x'.repeat(2000), b: [1, 2, 3] }));
    const error = await inflateFromBase64Url(
      data.slice(0, data.length - 12),
      MAX_SCENARIO_BYTES,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkDataError);
    expect((error as Error).message).toMatch(/cut off|not valid base64url/);
  });
});
