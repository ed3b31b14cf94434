import { useEffect } from 'react';
import {
  selectScenario,
  selectSelectedKey,
  selectSelectedPe,
  selectStatus,
} from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';
import { parseKey } from './keys.ts';

/**
 * Renders nothing: tells the worker what the register panels, ladder and explainer look at
 * whenever the shared selection (PE, interrupt) or the scenario changes.
 */
export function InspectFocus() {
  const client = useClient();
  const status = useGic(selectStatus);
  const scenario = useGic(selectScenario);
  const pe = useGic(selectSelectedPe);
  const key = useGic(selectSelectedKey);
  useEffect(() => {
    if (status !== 'ready' || !scenario) return;
    const target = parseKey(key);
    void client.inspect(target?.pe ?? pe, target?.intid ?? null);
  }, [client, status, scenario, pe, key]);
  return null;
}
