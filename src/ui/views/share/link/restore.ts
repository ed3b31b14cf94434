/**
 * Opening a link: the scenario (a built-in, or a custom one unpacked from the link), then the
 * NMI mode, the moment and the selection. Whatever cannot be restored is said in one Notice;
 * the app opens anyway (with the first built-in when the link's scenario cannot be loaded).
 */
import type { GicClient } from '../../../client/client.ts';
import type { GicStore } from '../../../store/index.ts';
import { parseKey } from '../../selection/keys.ts';
import { inflateFromBase64Url, LinkDataError } from './compress.ts';
import { MAX_SCENARIO_BYTES, parseLink, type ParsedLink } from './link-format.ts';

export interface Restored {
  readonly link: ParsedLink;
  /** what could not be restored, in words (also shown in the Notice) */
  readonly problems: readonly string[];
}

export async function restoreFromLink(
  search: string,
  client: GicClient,
  store: GicStore,
): Promise<Restored> {
  const link = parseLink(search);
  const problems = [...link.problems];
  const first = store.getState().builtins[0];
  let loaded = false;
  const scenario = link.state.scenario;
  if (scenario?.kind === 'builtin') {
    const outcome = await client.loadScenario({ kind: 'builtin', id: scenario.id });
    if (outcome.ok) loaded = true;
    else problems.push(`The link's scenario could not be opened: ${outcome.detail}`);
  } else if (scenario?.kind === 'compressed') {
    try {
      const text = await inflateFromBase64Url(scenario.data, MAX_SCENARIO_BYTES);
      const outcome = await client.loadScenario({ kind: 'json', text });
      if (outcome.ok) loaded = true;
      else problems.push(`The scenario in the link could not be opened: ${outcome.detail}`);
    } catch (error) {
      if (!(error instanceof LinkDataError)) throw error;
      problems.push(`The scenario in the link could not be read: ${error.message}.`);
    }
  }
  if (!loaded) {
    if (first) await client.loadScenario({ kind: 'builtin', id: first.id });
    if (scenario) problems.push('The first built-in scenario is open instead.');
  } else {
    const { nmi, t, at, pe, irq } = link.state;
    // the moment: run to its time (everything up to it happened), or seek its event
    if (t !== null || at !== null) {
      const outcome = t !== null ? await client.runUntil(t) : await client.seek(at ?? 0);
      const reached = store.getState().events.latest(1)[0]?.seq ?? -1;
      if (!outcome.ok) problems.push(`The link's moment could not be reached: ${outcome.detail}.`);
      else if (at !== null && reached !== at)
        problems.push(
          `The link's moment (event ${at}${t === null ? '' : ` at ${t} ns`}) could not be reached exactly: here the newest event is ${reached}.`,
        );
    }
    // the mode is set at the moment, as the user did: set earlier, it would change the scenario's
    // own scripted injections before it
    if (nmi !== null && store.getState().view?.injector.mode !== nmi) {
      const outcome = await client.setInjectorMode(nmi);
      if (!outcome.ok) problems.push(`The link's NMI mode could not be set: ${outcome.detail}`);
    }
    const peCount = store.getState().view?.cpus.length ?? 0;
    if (pe !== null) {
      if (pe < peCount) store.getState().selectPe(pe);
      else problems.push(`The link selects PE ${pe}, but this machine has ${peCount} PEs.`);
    }
    if (irq !== null) {
      const target = parseKey(irq);
      const known = store.getState().view?.interrupts[irq] !== undefined;
      if (target && known) {
        store.getState().selectInterrupt(irq);
        if (target.pe !== null) store.getState().selectPe(target.pe);
      } else problems.push(`The link selects ${irq}, which this machine does not have.`);
    }
  }
  if (problems.length > 0)
    store.getState().notify(`This link was not opened in full. ${problems.join(' ')}`);
  return { link, problems };
}
