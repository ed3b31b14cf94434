import { memo, useState } from 'react';
import type { RegisterTarget, RegisterValueView } from '../../../protocol/index.ts';
import { isAcknowledge, targetOf } from './target.ts';

export interface RegisterActions {
  write(target: RegisterTarget, name: string, value: string): void;
  acknowledge(target: RegisterTarget, name: string): void;
}

const bitsText = ([hi, lo]: readonly [number, number]) => (hi === lo ? `[${hi}]` : `[${hi}:${lo}]`);

/** One register: hex value, decoded fields, an input that writes on Enter, its warnings. */
export const RegisterRow = memo(function RegisterRow({
  register,
  pe,
  actions,
}: {
  readonly register: RegisterValueView;
  readonly pe: number;
  readonly actions: RegisterActions;
}) {
  const [draft, setDraft] = useState('');
  const target = targetOf(register, pe);
  const acknowledge = isAcknowledge(register);
  return (
    <tr className={register.warnings.length ? 'warned' : undefined}>
      <th scope="row">
        {register.name}
        <small className="access"> {register.access}</small>
      </th>
      <td className="value">
        {register.value ?? (acknowledge ? 'read to acknowledge' : 'write-only')}
      </td>
      <td className="fields">
        {register.fields.length > 0 && (
          <ul aria-label={`${register.name} fields`}>
            {register.fields.map((field) => (
              <li key={field.name}>
                <code>
                  {field.name}
                  {bitsText(field.bits)}={field.value}
                </code>
                {field.meaning && <span className="meaning"> {field.meaning}</span>}
              </li>
            ))}
          </ul>
        )}
        {register.warnings.length > 0 && (
          <ul className="warnings" aria-label={`${register.name} warnings`}>
            {register.warnings.map((warning, i) => (
              <li key={i}>⚠ {warning}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="edit">
        {acknowledge ? (
          <button type="button" onClick={() => actions.acknowledge(target, register.name)}>
            Acknowledge ({register.name})
          </button>
        ) : (
          <input
            type="text"
            aria-label={`Write ${register.name}`}
            placeholder="0x…"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || draft.trim() === '') return;
              actions.write(target, register.name, draft.trim());
              setDraft('');
            }}
          />
        )}
      </td>
    </tr>
  );
});
