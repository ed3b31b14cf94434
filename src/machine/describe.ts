import type { GicEvent } from '../gic/index.ts';
import { describeItsCommand } from '../gic/index.ts';
import { assertNever } from '../lib/index.ts';
import { formatTime } from './clock/index.ts';
import type { MachineEvent } from './events.ts';

function where(pe: number | null | undefined): string {
  return pe === null || pe === undefined ? '' : ` PE${pe}`;
}

function x(value: number): string {
  return `0x${value.toString(16)}`;
}

export function describeGicEvent(e: GicEvent): string {
  switch (e.kind) {
    case 'line-changed':
      return `INTID ${e.intid}${where(e.pe)} line ${e.level ? 'high' : 'low'}`;
    case 'became-pending':
      return `INTID ${e.intid}${where(e.pe)} pending (${e.cause})`;
    case 'pending-cleared':
      return `INTID ${e.intid}${where(e.pe)} no longer pending (${e.cause})`;
    case 'activated':
      return `INTID ${e.intid}${where(e.pe)} active (${e.cause})`;
    case 'interrupt-configured':
      return `INTID ${e.intid}${where(e.pe)} ${e.change.property} = ${typeof e.change.value === 'number' ? x(e.change.value) : String(e.change.value)}`;
    case 'routed':
      return `INTID ${e.intid} routed (${e.mode}) to ${e.pe === null ? 'no PE' : `PE${e.pe}`}`;
    case 'hppi-changed':
      return `PE${e.pe} HPPI ${e.hppi === null ? 'none' : `INTID ${e.hppi.intid} prio ${x(e.hppi.priority)}${e.hppi.nmi ? ' NMI' : ''}`}`;
    case 'outputs-changed':
      return `PE${e.pe} lines IRQ=${Number(e.outputs.irq)} FIQ=${Number(e.outputs.fiq)} NMI=${Number(e.outputs.nmi)}`;
    case 'acknowledged':
      return `PE${e.pe} ${e.register} acknowledged INTID ${e.intid} prio ${x(e.priority)}${e.nmi ? ' (NMI)' : ''}, running priority ${x(e.runningPriority)}`;
    case 'priority-dropped':
      return `PE${e.pe} priority drop INTID ${e.intid} (${x(e.priority)}), running priority ${x(e.runningPriority)}`;
    case 'deactivated':
      return `INTID ${e.intid}${where(e.pe)} deactivated (${e.cause})`;
    case 'sgi-generated':
      return `PE${e.pe} ${e.register} SGI ${e.intid} -> ${e.targets.map((t) => `PE${t}`).join(',') || 'nobody'}`;
    case 'redistributor-woke':
      return `PE${e.pe} redistributor awake`;
    case 'redistributor-slept':
      return `PE${e.pe} redistributor asleep`;
    case 'register-read':
      return `${e.pe === null ? '' : `PE${e.pe} `}read ${e.register ?? `offset ${x(e.offset ?? 0)}`} = ${e.value}${e.secure ? ' (secure)' : ''}`;
    case 'register-written':
      return `${e.pe === null ? '' : `PE${e.pe} `}write ${e.register ?? `offset ${x(e.offset ?? 0)}`} = ${e.value}${e.secure ? ' (secure)' : ''}`;
    case 'its-command':
      return `ITS command #${e.offset}: ${describeItsCommand(e.command)}${e.outcome === 'done' ? '' : ` — ${e.outcome} (${e.error ?? ''}: ${e.detail ?? ''})`}`;
    case 'its-translated':
      return `ITS ${e.source} DeviceID ${x(e.deviceId)} EventID ${x(e.eventId)} -> ${e.intid === null ? 'nothing' : `LPI ${e.intid}`}${e.pe === null ? '' : ` on PE${e.pe}`}${e.error === null ? '' : ` (${e.error})`}`;
    case 'lpi-config-invalidated':
      return `PE${e.pe} LPI configuration re-read (${e.intid === null ? 'all LPIs' : `LPI ${e.intid}`})`;
    case 'warning':
      return `warning ${e.code}: ${e.message}`;
    default:
      return assertNever(e, 'GIC event');
  }
}

/** One readable trace line: time, then what happened. */
export function describeEvent(e: MachineEvent): string {
  return `${formatTime(e.at).padStart(10)}  ${describeBody(e)}`;
}

function describeBody(e: MachineEvent): string {
  switch (e.kind) {
    case 'gic':
      return describeGicEvent(e.event);
    case 'boot-completed':
      return `PE${e.pe} boot completed`;
    case 'exception-taken':
      return `PE${e.pe} takes ${e.exception.toUpperCase()} exception (depth ${e.depth}, interrupting ${e.interrupted})`;
    case 'exception-returned':
      return `PE${e.pe} ERET from ${e.exception}${e.intid === null ? '' : ` (INTID ${e.intid})`}, depth ${e.depth}`;
    case 'masks-changed':
      return `PE${e.pe} PSTATE I=${Number(e.masks.i)} F=${Number(e.masks.f)} ALLINT=${Number(e.masks.allint)}`;
    case 'sctlr-nmi-changed':
      return `PE${e.pe} SCTLR_EL1.NMI=${Number(e.value)}`;
    case 'guest-logged':
      return `${e.pe === null ? '' : `PE${e.pe} `}dmesg: ${e.text}`;
    case 'interrupt-handled':
      return `PE${e.pe} handles INTID ${e.intid} ${e.name}${e.nmi ? ' as NMI' : ''} (count ${e.count})`;
    case 'guest-called':
      return `PE${e.pe} ${e.result === 'ok' ? e.message : `${e.call}(${e.intid}) = ${e.result}: ${e.message}`}`;
    case 'critical-section-entered':
      return `PE${e.pe} local_irq_disable()`;
    case 'critical-section-left':
      return `PE${e.pe} local_irq_enable()`;
    case 'ipi-sent':
      return `PE${e.pe} sends IPI${e.ipi} (${e.name}) to ${e.targets.map((t) => `PE${t}`).join(',')}`;
    case 'device-fired':
      return `${e.device} raises INTID ${e.intid}${where(e.pe)}`;
    case 'nmi-injected':
      return `inject NMI (${e.mode}): candidates [${e.candidates.map((c) => `${c.intid}${c.pe === null ? '' : `@PE${c.pe}`}`).join(', ')}], cursor ${e.cursorBefore} -> chose #${e.chosenIndex} INTID ${e.chosen.intid} -> ${e.targetPe === null ? 'no PE' : `PE${e.targetPe}`}; next #${e.nextIndex}${e.explanation === null ? '' : `; ${e.explanation.nmiVerdict}`}`;
    case 'nmi-injection-failed':
      return `inject NMI (${e.mode}) failed: ${e.reason}. Fix: ${e.fix}`;
    case 'action-applied':
      return `timeline[${e.index}]: ${e.action}`;
    case 'register-edited':
      // the stored value only when it differs from the one written
      return `edit ${e.target} = ${e.value}${e.held !== null && e.held !== e.value ? ` (holds ${e.held}: ${e.notes.join('; ')})` : ''}`;
    case 'expectation-checked':
      return `expect ${e.passed ? 'PASS' : 'FAIL'}: ${e.description}${e.passed ? '' : ` (actual ${e.actual})`}`;
    default:
      return assertNever(e, 'machine event');
  }
}
