/**
 * The worker's long, asynchronous requests, served in front of the host: opening a QEMU trace
 * (in slices, with progress, cancellable) and exporting the loaded scenario or trace. Everything
 * else passes through to the host unchanged; the service only watches which source is loaded.
 */
import { BUILTIN_SCENARIOS, builtinScenario, parseScenarioText } from '../../machine/index.ts';
import type { Scenario } from '../../machine/index.ts';
import {
  Listeners,
  parseToWorker,
  type ExportFormat,
  type ExportedFile,
  type Failure,
  type FromWorker,
  type Port,
  type ScenarioSource,
  type ToWorker,
} from '../../protocol/index.ts';
import type { Recording } from '../../trace/index.ts';
import { InputError, type Engine, type EngineFactory } from '../engine.ts';
import type { SliceContext } from '../trace/open-trace.ts';
import type { TraceSource } from '../trace/trace-engine.ts';

// The trace parser and engine and the exporters are imported on first use: the worker's first
// chunk stays what the first view needs (issue 13).
type TraceKit = typeof import('./trace-kit.ts');
type Exporters = typeof import('../../trace/index.ts');

export interface ServiceClock {
  now(): number;
  /** Resolves after other queued messages had their turn. */
  pause(): Promise<void>;
}

type Claimed = Extract<ToWorker, { type: 'open-trace' | 'cancel' | 'export' }>;

const claims = (message: unknown): message is Claimed => {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'open-trace' || type === 'cancel' || type === 'export';
};

export class ShareService {
  /** open traces by token: the one loaded, and one being opened */
  readonly #traces = new Map<string, TraceSource>();
  readonly #cancelled = new Set<number>();
  readonly #running = new Set<number>();
  readonly #toHost = new Listeners<ToWorker>();
  /** load requests in flight, by id, and the source loaded now */
  readonly #loading = new Map<number, ScenarioSource>();
  #current: ScenarioSource | null = null;
  #tokens = 0;
  /** loaded with the first trace: every open trace was opened with it */
  #kit: TraceKit | null = null;

  constructor(
    private readonly port: Port<FromWorker, ToWorker>,
    private readonly clock: ServiceClock,
  ) {
    port.listen((message) => this.#receive(message));
  }

  /** The port the host listens on: every message the service does not serve itself. */
  hostPort(): Port<FromWorker, ToWorker> {
    return {
      send: (message) => {
        this.#observe(message);
        this.port.send(message);
      },
      listen: (listener) => this.#toHost.add(listener),
      onFailure: (listener) => this.port.onFailure(listener),
      close: () => this.port.close(),
    };
  }

  /** Engines for the host: scenarios from `machine`, traces from what this service opened. */
  factory(machine: EngineFactory): EngineFactory {
    return {
      builtins: () => machine.builtins(),
      load: (source): Engine => {
        if (source.kind !== 'qemu-trace') return machine.load(source);
        const trace = this.#traces.get(source.token);
        if (!trace || !this.#kit)
          throw new InputError(
            `The QEMU trace "${source.name}" is no longer open: open the file again.`,
          );
        return new this.#kit.TraceEngine(trace);
      },
    };
  }

  #receive(message: ToWorker): void {
    if (!claims(message)) {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'load-scenario') {
        const load = message as Extract<ToWorker, { type: 'load-scenario' }>;
        if (typeof load.source === 'object' && load.source !== null)
          this.#loading.set(load.id, load.source);
      } else if (type === 'resume') {
        // a restarted worker resumes the page's session: its source is loaded once that worked
        // (else exports and links said "No scenario is loaded." after a crash)
        const resume = message as Extract<ToWorker, { type: 'resume' }>;
        const source = (resume.point as { source?: unknown } | null)?.source;
        if (typeof source === 'object' && source !== null)
          this.#loading.set(resume.id, resume.point.source);
      }
      this.#toHost.emit(message);
      return;
    }
    const parsed = parseToWorker(message);
    if (!parsed.ok) {
      this.port.send({ type: 'rejected', message: `rejected a message: ${parsed.error}` });
      return;
    }
    const request = parsed.value as Claimed;
    switch (request.type) {
      case 'cancel':
        if (this.#running.has(request.request)) this.#cancelled.add(request.request);
        this.#reply(
          request.id,
          this.#running.has(request.request)
            ? { ok: true, detail: `cancelling request ${request.request}` }
            : {
                ok: false,
                error: `there is no long request ${request.request} to cancel`,
                failure: 'no-effect',
              },
        );
        return;
      case 'open-trace':
        void this.#openTrace(request);
        return;
      case 'export':
        void this.#export(request.id, request.format);
        return;
    }
  }

  /** Follows which source the host loaded (its reply to a load says whether it worked). */
  #observe(message: FromWorker): void {
    if (message.type !== 'reply') return;
    const source = this.#loading.get(message.id);
    if (!source) return;
    this.#loading.delete(message.id);
    if (!message.ok) return;
    this.#current = source;
    // an opened trace is kept while it is loaded; older ones are let go
    for (const token of this.#traces.keys())
      if (source.kind !== 'qemu-trace' || source.token !== token) this.#traces.delete(token);
  }

  async #openTrace(request: Extract<Claimed, { type: 'open-trace' }>): Promise<void> {
    const { id } = request;
    const token = `t${++this.#tokens}`;
    this.#running.add(id);
    const ctx: SliceContext = {
      progress: (phase, done, total) =>
        this.port.send({ type: 'progress', request: id, phase, done, total }),
      pause: () => this.clock.pause(),
      cancelled: () => this.#cancelled.has(id),
      now: () => this.clock.now(),
    };
    try {
      this.#kit ??= await import('./trace-kit.ts');
      const trace = await this.#kit.openQemuTrace(token, request.name, request.data, ctx);
      this.#traces.set(token, trace);
      // loaded by the host like any scenario: its reply answers the page's request
      const source: ScenarioSource = { kind: 'qemu-trace', token, name: request.name };
      this.#loading.set(id, source);
      this.#toHost.emit({ type: 'load-scenario', id, source });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const cancelled = this.#cancelled.has(id);
      this.#reply(id, {
        ok: false,
        error: error.message,
        failure: cancelled ? 'interrupted' : 'invalid',
      });
    } finally {
      this.#running.delete(id);
      this.#cancelled.delete(id);
    }
  }

  async #export(id: number, format: ExportFormat): Promise<void> {
    // what is loaded when the request came (messages handled while the exporters load may change it)
    const source = this.#current;
    try {
      if (format === 'scenario') {
        const file = this.#scenarioFile(source);
        this.port.send({ type: 'exported', request: id, files: [file] });
        this.#reply(id, { ok: true, detail: `exported ${file.name}` });
        return;
      }
      const { perfettoJson, recordQemuTrace, recordScenario, toVcd } =
        await import('../../trace/index.ts');
      const recording = this.#recording(source, { recordQemuTrace, recordScenario });
      const base = fileBase(recording.title);
      const files: ExportedFile[] =
        format === 'perfetto'
          ? [
              {
                name: `${base}.perfetto.json`,
                text: perfettoJson(recording),
                mime: 'application/json',
              },
            ]
          : (() => {
              const vcd = toVcd(recording, base);
              return [vcd.vcd, ...vcd.companions].map((f) => ({ ...f, mime: 'text/plain' }));
            })();
      this.port.send({ type: 'exported', request: id, files });
      this.#reply(id, { ok: true, detail: `exported ${files.map((f) => f.name).join(', ')}` });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.#reply(id, { ok: false, error: error.message, failure: 'invalid' });
    }
  }

  /** The loaded scenario as a file: a built-in as written, or the JSON text that was loaded. */
  #scenarioFile(source: ScenarioSource | null): ExportedFile {
    if (!source) throw new InputError('No scenario is loaded.');
    switch (source.kind) {
      case 'builtin': {
        const input = BUILTIN_SCENARIOS.find((s) => s.id === source.id);
        if (!input) throw new InputError(`There is no built-in scenario "${source.id}".`);
        return {
          name: `${source.id}.json`,
          text: `${JSON.stringify(input, null, 2)}\n`,
          mime: 'application/json',
        };
      }
      case 'json':
        return {
          name: `${fileBase(parsedScenario(source.text).id)}.json`,
          text: source.text,
          mime: 'application/json',
        };
      case 'qemu-trace':
        throw new InputError(
          'A QEMU trace is not a scenario: export it as Perfetto or VCD instead.',
        );
    }
  }

  /** The whole run of what is loaded: a scenario from reset to its end, or the whole trace. */
  #recording(
    source: ScenarioSource | null,
    { recordQemuTrace, recordScenario }: Pick<Exporters, 'recordQemuTrace' | 'recordScenario'>,
  ): Recording {
    if (!source) throw new InputError('Nothing to export: load a scenario or open a trace first.');
    switch (source.kind) {
      case 'builtin': {
        const scenario = builtinScenario(source.id);
        if (!scenario) throw new InputError(`There is no built-in scenario "${source.id}".`);
        return recordScenario(scenario);
      }
      case 'json':
        return recordScenario(parsedScenario(source.text));
      case 'qemu-trace': {
        const trace = this.#traces.get(source.token);
        if (!trace) throw new InputError(`The QEMU trace "${source.name}" is no longer open.`);
        return recordQemuTrace(trace.records, `QEMU trace ${source.name}`);
      }
    }
  }

  #reply(
    id: number,
    outcome: { ok: true; detail: string } | { ok: false; error: string; failure: Failure },
  ) {
    this.port.send({ type: 'reply', id, ...outcome });
  }
}

function parsedScenario(text: string): Scenario {
  const parsed = parseScenarioText(text);
  if (!parsed.ok)
    throw new InputError(
      `The scenario is not valid: ${parsed.error.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return parsed.value;
}

/** A file name from a title: "rfc-nmi: The RFC's test" → "rfc-nmi". */
function fileBase(title: string): string {
  const head = title.split(':')[0] ?? title;
  const base = head.replace(/^QEMU trace /, '').replace(/\.log(\.gz)?$/, '');
  return base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'gicscope';
}
