import { selectSelectedCpu, useCalm } from '../../store/index.ts';
import { hex2 } from '../../format.ts';

/** The selected PE's CPU interface, in register terms. */
export function CpuDetail() {
  const cpu = useCalm(selectSelectedCpu);
  if (!cpu) return null;
  return (
    <section className="panel cpu-detail" aria-label="Selected CPU interface">
      <h2>
        PE {cpu.pe} <small>affinity {cpu.affinity}</small>
      </h2>
      <table className="kv">
        <tbody>
          <tr>
            <th scope="row">ICC_PMR_EL1</th>
            <td>{hex2(cpu.pmr)}</td>
          </tr>
          <tr>
            <th scope="row">ICC_RPR_EL1</th>
            <td>
              {hex2(cpu.runningPriority)}
              {cpu.runningNmi ? ' (NMI)' : cpu.runningPriority === 0xff ? ' (idle)' : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">ICC_BPR0 / BPR1</th>
            <td>
              {cpu.binaryPoint.bpr0} / {cpu.binaryPoint.bpr1}
            </td>
          </tr>
          <tr>
            <th scope="row">ICC_CTLR_EL1.EOImode</th>
            <td>{cpu.eoiMode}</td>
          </tr>
          <tr>
            <th scope="row">ICC_IGRPEN0 / IGRPEN1</th>
            <td>
              {cpu.groupEnabled.g0 ? 1 : 0} / {cpu.groupEnabled.g1 ? 1 : 0}
            </td>
          </tr>
          <tr>
            <th scope="row">Active priorities</th>
            <td>
              {cpu.activePriorities.length ? cpu.activePriorities.map(hex2).join(', ') : 'none'}
            </td>
          </tr>
          <tr>
            <th scope="row">Handlers</th>
            <td>{cpu.handlers.length ? cpu.handlers.map((h) => h.text).join(' → ') : 'none'}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
