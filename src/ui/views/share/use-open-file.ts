import { useCallback, useRef, useState } from 'react';
import type { Progress } from '../../client/client.ts';
import { useClient, useGicStore } from '../../store/instance.ts';
import { fileKind } from './file-kind.ts';
import { parseJson } from './json-location.ts';

/** A trace being opened: how far, and how to stop it. */
export interface Opening {
  readonly name: string;
  readonly progress: Progress | null;
  readonly cancel: () => void;
}

/**
 * Opening files: a scenario JSON (syntax errors with line and column, schema errors with the
 * JSON path, from the worker) or a QEMU trace (text or gzip, opened in the worker in slices).
 * Every outcome is said in the Notice; a success clears an earlier one.
 */
export function useOpenFile() {
  const client = useClient();
  const store = useGicStore();
  const [opening, setOpening] = useState<Opening | null>(null);
  const busy = useRef(false);

  const notify = useCallback((text: string | null) => store.getState().notify(text), [store]);

  const openTrace = useCallback(
    async (name: string, data: ArrayBuffer) => {
      const request = client.openTrace(name, data, (progress) =>
        setOpening((o) => (o ? { ...o, progress } : o)),
      );
      setOpening({ name, progress: null, cancel: () => void client.cancel(request.id) });
      const outcome = await request.done;
      setOpening(null);
      // a failure is already in the Notice (the client shows every refused request)
      if (outcome.ok) notify(null);
      return outcome.ok;
    },
    [client, notify],
  );

  /** Fetches a trace the app ships, with the progress bar up from the first moment. */
  const openUrl = useCallback(
    async (url: string, name: string) => {
      const abort = new AbortController();
      setOpening({
        name,
        progress: { phase: 'fetching', done: 0, total: 0 },
        cancel: () => abort.abort(),
      });
      let data: ArrayBuffer;
      try {
        const response = await fetch(url, { signal: abort.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        data = await response.arrayBuffer();
      } catch (error) {
        setOpening(null);
        notify(
          abort.signal.aborted
            ? 'Opening the trace was cancelled; nothing changed.'
            : `${name} could not be fetched (${(error as Error).message}).`,
        );
        return false;
      }
      return openTrace(name, data);
    },
    [notify, openTrace],
  );

  const openBytes = useCallback(
    async (name: string, data: ArrayBuffer): Promise<boolean> => {
      const bytes = new Uint8Array(data);
      const kind = fileKind(bytes);
      if (kind === 'qemu-trace') return openTrace(name, data);
      if (kind === 'unknown') {
        notify(
          `${name} is neither a gicscope scenario (JSON) nor a QEMU GICv3 trace (a log recorded with -trace 'gicv3_*', plain or .gz).`,
        );
        return false;
      }
      const text = new TextDecoder().decode(bytes);
      const json = parseJson(text);
      if (!json.ok) {
        const { line, column, message } = json.error;
        notify(`${name}: JSON syntax error at line ${line}, column ${column}: ${message}`);
        return false;
      }
      const outcome = await client.loadScenario({
        kind: 'json',
        text: text.startsWith('\uFEFF') ? text.slice(1) : text,
      });
      if (!outcome.ok) notify(`${name}: ${outcome.detail}`);
      else notify(null);
      return outcome.ok;
    },
    [client, notify, openTrace],
  );

  const openFile = useCallback(
    async (file: File) => {
      if (busy.current) return false;
      busy.current = true;
      try {
        return await openBytes(file.name, await file.arrayBuffer());
      } finally {
        busy.current = false;
      }
    },
    [openBytes],
  );

  return { opening, openFile, openBytes, openTrace, openUrl };
}
