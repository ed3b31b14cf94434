import type { ItsTranslationView } from '../../../protocol/index.ts';
import type { Metrics } from './cells.ts';
import { wrap } from './column.ts';
import { text, type Draw } from './draw.ts';
import { fit, textWidth } from './text.ts';
import type { DiagramIts, TextItem } from './types.ts';

const hex = (n: number) => `0x${n.toString(16)}`;

/** Why the ITS dropped a translation, by the model's warning code (docs/gic-api.md). */
const STOP_WORDS: Readonly<Record<string, string>> = {
  'its-device-unmapped': 'device not mapped',
  'its-event-out-of-range': 'EventID out of range',
  'its-event-unmapped': 'event not mapped',
  'its-collection-unmapped': 'collection not mapped',
  'its-id-out-of-range': 'DeviceID out of range',
  'its-disabled': 'ITS disabled',
  'its-memory-fault': 'table not in memory',
  'lpis-disabled': 'EnableLPIs=0',
  'lpi-out-of-range': 'LPI out of range',
};

export function stopWords(code: string): string {
  return STOP_WORDS[code] ?? code;
}

/**
 * A translation in words, longest first: "DeviceID 0x8 EventID 0 → LPI 8192 → ICID 0" (an INT
 * command says so first); a dropped one: "✕ DeviceID 0x2 EventID 20: device not mapped".
 */
export function translationTexts(t: ItsTranslationView): string[] {
  const by = t.source === 'INT' ? 'INT ' : '';
  if (t.error !== null) {
    const why = stopWords(t.error);
    return [
      `✕ ${by}DeviceID ${hex(t.deviceId)} EventID ${t.eventId}: ${why}`,
      `✕ ${by}Dev ${hex(t.deviceId)} Ev ${t.eventId}: ${why}`,
      `✕ ${by}${hex(t.deviceId)}/${t.eventId}: ${why}`,
      `✕ ${why}`,
    ];
  }
  const lpi = t.intid === null ? 'no LPI' : `LPI ${t.intid}`;
  const icid = t.icid === null ? '' : ` → ICID ${t.icid}`;
  return [
    `${by}DeviceID ${hex(t.deviceId)} EventID ${t.eventId} → ${lpi}${icid}`,
    `${by}Dev ${hex(t.deviceId)} Ev ${t.eventId} → ${lpi}${icid}`,
    `${hex(t.deviceId)}/${t.eventId} → ${lpi}`,
    lpi,
  ];
}

/** The mapped devices in at most two lines: "DeviceID 0x8 → 4 events", shorter when cramped. */
function deviceLines(its: DiagramIts, width: number, m: Metrics): string[] {
  if (its.devices.length === 0) return ['no devices mapped'];
  const forms = [
    (d: DiagramIts['devices'][number]) =>
      `DeviceID ${hex(d.deviceId)} → ${d.mapped} event${d.mapped === 1 ? '' : 's'}`,
    (d: DiagramIts['devices'][number]) => `Dev ${hex(d.deviceId)} → ${d.mapped} ev`,
    (d: DiagramIts['devices'][number]) => `${hex(d.deviceId)}→${d.mapped}`,
  ];
  for (const form of forms) {
    const lines = wrap(its.devices.map(form).join(' · '), width, m.small);
    if (lines.length <= 2) return lines;
  }
  // too many to list: the first ones and a count
  const short = its.devices.map(forms[2]);
  for (let n = short.length - 1; n >= 1; n--) {
    const lines = wrap(
      `${short.slice(0, n).join(' · ')} +${short.length - n} more`,
      width,
      m.small,
    );
    if (lines.length <= 2) return lines;
  }
  return [fit([`${its.devices.length} devices mapped`], width, m.small)];
}

export interface ItsSection {
  readonly height: number;
  /** places the block at (x, y) with height h (≥ height); returns the last translation's label */
  place(draw: Draw, y: number, h: number): TextItem | null;
}

/**
 * The ITS block: its name and state (enabled, stalled), the command queue's CREADR/CWRITER and
 * commands done, the mapped devices, and the last translation — lit as the path's label while its
 * LPI lives, a labelled stop when the ITS dropped it, muted otherwise.
 */
export function itsSection(its: DiagramIts, x: number, w: number, m: Metrics): ItsSection {
  const inner = { x: x + m.pad, w: w - 2 * m.pad };
  const queue = fit(
    [
      `CREADR ${its.creadr} · CWRITER ${its.cwriter} · ${its.processed} commands`,
      `CREADR ${its.creadr} CWRITER ${its.cwriter} · ${its.processed} cmds`,
      `R ${its.creadr} W ${its.cwriter} · ${its.processed} cmds`,
      `${its.processed} cmds`,
    ],
    inner.w,
    m.small,
  );
  const devices = deviceLines(its, inner.w, m);
  const slotH = Math.ceil(m.small * 1.7);
  const lineH = Math.round(m.small * 1.35);
  const height = m.pad + m.line + lineH * (1 + devices.length) + m.gap + slotH + m.pad;
  return {
    height,
    place(draw, y, h) {
      const state = its.stalled ? 'stalled' : its.enabled ? 'enabled' : 'disabled';
      const titleY = y + m.pad + m.f * 0.9;
      const texts: TextItem[] = [text(inner.x, titleY, 'ITS', m.f, { bold: true })];
      if (textWidth(`ITS ${state}`, m.f) <= inner.w)
        texts.push(
          text(inner.x + inner.w, titleY, state, m.small, {
            anchor: 'end',
            tone: its.stalled || !its.enabled ? 'warn' : 'active',
            bold: its.stalled || !its.enabled,
          }),
        );
      let line = y + m.pad + m.line + m.small * 0.8;
      texts.push(text(inner.x, line, queue, m.small, { tone: 'text' }));
      for (const d of devices) {
        line += lineH;
        texts.push(text(inner.x, line, d, m.small, { tone: 'muted' }));
      }
      const slotY = y + h - m.pad - slotH;
      const baseline = slotY + slotH / 2 + m.small * 0.36;
      const last = its.last;
      let label: TextItem | null = null;
      if (last !== null && last.error !== null) {
        draw.boxes.push({
          id: 'its-stop',
          kind: 'stop',
          block: 'its',
          x: inner.x,
          y: slotY,
          w: inner.w,
          h: slotH,
          text: text(
            inner.x + 5,
            baseline,
            fit(translationTexts(last), inner.w - 10, m.small),
            m.small,
            { tone: 'warn', bold: true },
          ),
        });
      } else if (last !== null && its.live) {
        label = text(inner.x, baseline, fit(translationTexts(last), inner.w, m.small), m.small, {
          tone: 'pending',
          bold: true,
        });
      } else
        texts.push(
          text(
            inner.x,
            baseline,
            last === null
              ? fit(['no MSI translated yet', 'no MSI yet'], inner.w, m.small)
              : fit(
                  translationTexts(last).map((t) => `last: ${t}`),
                  inner.w,
                  m.small,
                ),
            m.small,
            { tone: 'muted' },
          ),
        );
      draw.blocks.push({
        id: 'its',
        kind: 'its',
        pe: null,
        x,
        y,
        w,
        h,
        label: 'Interrupt Translation Service',
        selected: false,
        texts,
      });
      draw.anchor('its', x + w / 2, y, y + h);
      return label;
    },
  };
}
