import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../protocol/index.ts';
import { selectScenario, selectStatus } from '../../store/index.ts';
import { useClient, useGic, useGicStore } from '../../store/instance.ts';
import { SAMPLE_TRACE } from './sample-trace.ts';
import { saveFile } from './save-file.ts';
import { TraceProgress } from './TraceProgress.tsx';
import { useOpenFile } from './use-open-file.ts';
import { useLinkSync } from './link/use-link-sync.ts';
import { selectPresenter } from '../../app/ui-store.ts';
import { useUi, useUiStore } from '../../app/ui-instance.ts';
import { formatTime } from '../../format.ts';
import { diagramPicture, pictureName, pictureToPng } from './picture-export.ts';
import './share.css';

const ACCEPT = '.json,.log,.gz,.txt,application/json,application/gzip,text/plain';

/** Open, drop, download and export: files in and out of gicscope. */
export function ShareBar() {
  const client = useClient();
  const store = useGicStore();
  const status = useGic(selectStatus);
  const scenario = useGic(selectScenario);
  const { opening, openFile, openUrl } = useOpenFile();
  const presenter = useUi(selectPresenter);
  const ui = useUiStore();
  const { copy } = useLinkSync(presenter);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (said === null) return;
    const clear = setTimeout(() => setSaid(null), 6000);
    return () => clearTimeout(clear);
  }, [said]);
  const ready = status === 'ready' && opening === null;
  const notify = (text: string | null) => store.getState().notify(text);

  // the whole window takes a dropped file
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [openFile]);

  const exportAs = async (format: ExportFormat) => {
    const result = await client.exportAs(format);
    if (!result.ok) return;
    for (const file of result.files) saveFile(file.name, file.text, file.mime);
    notify(null);
  };

  const exportPicture = async (format: 'svg' | 'png') => {
    const state = store.getState();
    if (!state.view || !state.scenario) return;
    const picture = diagramPicture(state.view, {
      title: `${state.scenario.title} at ${formatTime(state.cursor.time)}`,
      showAll: ui.getState().showAll,
      selectedKey: state.selectedKey,
      selectedPe: state.selectedPe,
    });
    const name = pictureName(state.scenario.id, state.cursor.time);
    try {
      if (format === 'svg') saveFile(`${name}.svg`, picture.svg, 'image/svg+xml');
      else saveFile(`${name}.png`, await pictureToPng(picture), 'image/png');
      notify(null);
    } catch (error) {
      notify(
        `The picture could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const isTrace = scenario?.id.startsWith('qemu-trace:') ?? false;
  return (
    <section className="share-bar" aria-label="Files">
      <button type="button" disabled={!ready} onClick={() => input.current?.click()}>
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label="Open a scenario or QEMU trace file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void openFile(file);
        }}
      />
      <button
        type="button"
        disabled={!ready}
        onClick={() => void openUrl(SAMPLE_TRACE.file, SAMPLE_TRACE.name)}
        title={SAMPLE_TRACE.title}
      >
        Try a real QEMU trace
      </button>
      <button
        type="button"
        disabled={!ready || !scenario || isTrace}
        onClick={() => void copy().then(setSaid)}
        title="A link to this moment, selection and NMI mode (the address bar follows too)"
      >
        Copy link
      </button>
      <button
        type="button"
        disabled={!ready || !scenario || isTrace}
        onClick={() => void exportAs('scenario')}
        title="The scenario as a JSON file you can edit and open again"
      >
        Download scenario
      </button>
      <button
        type="button"
        disabled={!ready || !scenario}
        onClick={() => void exportAs('perfetto')}
        title="Trace Event Format JSON for ui.perfetto.dev: the whole run"
      >
        Export Perfetto
      </button>
      <button
        type="button"
        disabled={!ready || !scenario}
        onClick={() => void exportAs('vcd')}
        title="Value Change Dump with GTKWave filter and save files: the whole run"
      >
        Export VCD
      </button>
      <button
        type="button"
        disabled={!ready || !scenario}
        onClick={() => void exportPicture('svg')}
        title="The diagram at this moment as an SVG picture, for slides"
      >
        Export SVG
      </button>
      <button
        type="button"
        disabled={!ready || !scenario}
        onClick={() => void exportPicture('png')}
        title="The diagram at this moment as a PNG picture (2× pixels), for slides"
      >
        Export PNG
      </button>
      <span className="share-said" role="status" aria-label="Share status">
        {said}
      </span>
      {opening && <TraceProgress opening={opening} />}
      {dragging && (
        <div className="drop-overlay" role="presentation">
          <p>Drop a scenario (.json) or a QEMU trace (.log or .log.gz)</p>
        </div>
      )}
    </section>
  );
}
