import { selectBuiltins, selectScenario } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';

export function ScenarioPicker() {
  const builtins = useGic(selectBuiltins);
  const scenario = useGic(selectScenario);
  const client = useClient();
  return (
    <label className="scenario-picker">
      Scenario
      <select
        value={scenario?.id ?? ''}
        onChange={(event) => void client.loadScenario({ kind: 'builtin', id: event.target.value })}
        disabled={builtins.length === 0}
      >
        {scenario === null && <option value="">—</option>}
        {builtins.map((meta) => (
          <option key={meta.id} value={meta.id}>
            {meta.title}
          </option>
        ))}
        {scenario && !builtins.some((meta) => meta.id === scenario.id) && (
          <option value={scenario.id}>{scenario.title}</option>
        )}
      </select>
    </label>
  );
}
