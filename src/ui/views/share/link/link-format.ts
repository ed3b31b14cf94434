/**
 * The view as a URL: which scenario (a built-in id, or a custom scenario compressed into the
 * link), the moment (an event seq), the selection, the NMI mode and presenter mode. Versioned:
 *
 *   v=1  s=<built-in id> | c=<scenario JSON, deflate-raw, base64url>
 *        t=<virtual time, ns>  at=<event seq: the newest event at that moment, as a check>
 *        pe=<PE>  irq=<interrupt key: spi:33, pe1:ppi:27, pe0:sgi:3>
 *        nmi=rfc|architected  present=1
 *   (no v) scenario=<built-in id>: the first links gicscope made; still opened.
 *
 * Reading a link never throws: what cannot be used is left out and said in `problems`.
 */
import type { InjectorMode } from '../../../../protocol/index.ts';

export const LINK_VERSION = 1;
/** Longest custom-scenario data accepted in a link, and what it may unpack to. */
export const MAX_LINK_DATA = 64 * 1024;
export const MAX_SCENARIO_BYTES = 512 * 1024;

export type LinkScenario =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'compressed'; readonly data: string };

export interface LinkState {
  readonly scenario: LinkScenario | null;
  /** The moment's virtual time (ns); null: the start. */
  readonly t: number | null;
  /** The newest event at that moment (its seq); null: none yet. Restoring checks it. */
  readonly at: number | null;
  readonly pe: number | null;
  /** An interrupt key as the page uses it (`spi:33`, `pe1:ppi:27`). */
  readonly irq: string | null;
  readonly nmi: InjectorMode | null;
  readonly presenter: boolean;
}

export const EMPTY_LINK: LinkState = {
  scenario: null,
  t: null,
  at: null,
  pe: null,
  irq: null,
  nmi: null,
  presenter: false,
};

const NMI_MODES: Readonly<Record<string, InjectorMode>> = {
  rfc: 'rfc-round-robin',
  architected: 'architected',
};
const NMI_NAMES: Readonly<Record<InjectorMode, string>> = {
  'rfc-round-robin': 'rfc',
  architected: 'architected',
};

const BUILTIN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const IRQ_KEY = /^(spi:\d{2,4}|pe\d{1,3}:(sgi|ppi):\d{1,2})$/;
const NUMBER = /^\d{1,12}$/;

/** Parameters of the page that are not the view (test and motion switches): left alone. */
const OTHER = new Set(['motion']);

export interface ParsedLink {
  readonly state: LinkState;
  /** Each thing in the link that could not be used, in words for the Notice. */
  readonly problems: readonly string[];
  /** True when the URL carries view state at all. */
  readonly present: boolean;
}

export function parseLink(search: string): ParsedLink {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const known = new Set(['v', 's', 'c', 't', 'at', 'pe', 'irq', 'nmi', 'present', 'scenario']);
  const present = [...params.keys()].some((k) => known.has(k));
  if (!present) return { state: EMPTY_LINK, problems, present };

  const version = params.get('v');
  if (version === null) {
    // the first links: ?scenario=<id> and nothing else
    const id = params.get('scenario');
    if (id !== null && BUILTIN_ID.test(id))
      return { state: { ...EMPTY_LINK, scenario: { kind: 'builtin', id } }, problems, present };
    problems.push(
      id === null
        ? 'The link has view settings but no format version (v=); it was not made by gicscope.'
        : `The link names the scenario "${clip(id)}", which is not a scenario id.`,
    );
    return { state: EMPTY_LINK, problems, present };
  }
  if (!NUMBER.test(version)) {
    problems.push(`The link's format version "${clip(version)}" is not a number.`);
    return { state: EMPTY_LINK, problems, present };
  }
  if (Number(version) > LINK_VERSION) {
    problems.push(
      `The link was made by a newer gicscope (link format ${version}; this one reads up to ${LINK_VERSION}). Open it with the newer version.`,
    );
    return { state: EMPTY_LINK, problems, present };
  }
  if (Number(version) < 1) {
    problems.push(`Link format ${version} never existed.`);
    return { state: EMPTY_LINK, problems, present };
  }

  let scenario: LinkScenario | null = null;
  const builtin = params.get('s');
  const data = params.get('c');
  if (builtin !== null && data !== null)
    problems.push('The link names both a built-in and a custom scenario; the built-in is used.');
  if (builtin !== null) {
    if (BUILTIN_ID.test(builtin)) scenario = { kind: 'builtin', id: builtin };
    else
      problems.push(`The link names the scenario "${clip(builtin)}", which is not a scenario id.`);
  } else if (data !== null) {
    if (data.length > MAX_LINK_DATA)
      problems.push(
        `The scenario in the link is ${Math.round(data.length / 1024)} KB, more than the ${MAX_LINK_DATA / 1024} KB a link may carry.`,
      );
    else if (!/^[A-Za-z0-9_-]+$/.test(data))
      problems.push('The scenario in the link is damaged: it is not base64url text.');
    else scenario = { kind: 'compressed', data };
  }

  const number = (name: string, what: string, max: number): number | null => {
    const text = params.get(name);
    if (text === null) return null;
    if (NUMBER.test(text) && Number(text) <= max) return Number(text);
    problems.push(
      `The link's ${what} "${clip(text)}" is not a number from 0 to ${max}; it is left out.`,
    );
    return null;
  };
  const t = number('t', 'time (t=)', Number.MAX_SAFE_INTEGER);
  const at = number('at', 'moment (at=)', Number.MAX_SAFE_INTEGER);
  const pe = number('pe', 'PE (pe=)', 255);

  let irq: string | null = null;
  const key = params.get('irq');
  if (key !== null) {
    if (IRQ_KEY.test(key)) irq = key;
    else
      problems.push(
        `The link's interrupt "${clip(key)}" is not one (spi:33, pe1:ppi:27); it is left out.`,
      );
  }

  let nmi: InjectorMode | null = null;
  const mode = params.get('nmi');
  if (mode !== null) {
    nmi = NMI_MODES[mode] ?? null;
    if (nmi === null)
      problems.push(
        `The link's NMI mode "${clip(mode)}" is not rfc or architected; it is left out.`,
      );
  }
  const presenter = params.get('present') === '1';
  return { state: { scenario, t, at, pe, irq, nmi, presenter }, problems, present };
}

/** The query string for a view (without the page's other switches). */
export function formatLink(
  state: LinkState,
  keep: URLSearchParams = new URLSearchParams(),
): string {
  const params = new URLSearchParams();
  for (const [key, value] of keep) if (OTHER.has(key)) params.set(key, value);
  params.set('v', String(LINK_VERSION));
  if (state.scenario?.kind === 'builtin') params.set('s', state.scenario.id);
  else if (state.scenario?.kind === 'compressed') params.set('c', state.scenario.data);
  if (state.t !== null) params.set('t', String(state.t));
  if (state.at !== null) params.set('at', String(state.at));
  if (state.pe !== null) params.set('pe', String(state.pe));
  if (state.irq !== null) params.set('irq', state.irq);
  if (state.nmi !== null) params.set('nmi', NMI_NAMES[state.nmi]);
  if (state.presenter) params.set('present', '1');
  return `?${params.toString()}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
