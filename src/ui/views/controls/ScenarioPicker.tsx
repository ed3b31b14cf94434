import { selectBuiltins, selectScenario, selectStatus } from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';

const FILE = '\u0000file';

export function ScenarioPicker() {
  const builtins = useGic(selectBuiltins);
  const scenario = useGic(selectScenario);
  // the page may show the opening shipped with it before the worker can load anything
  const ready = useGic(selectStatus) === 'ready';
  const client = useClient();
  return (
    <label className="scenario-picker">
      Scenario
      <select
        value={scenario ? (scenario.origin === 'file' ? FILE : scenario.id) : ''}
        onChange={(event) => {
          if (event.target.value !== FILE)
            void client.loadScenario({ kind: 'builtin', id: event.target.value });
        }}
        disabled={!ready || builtins.length === 0}
      >
        {scenario === null && <option value="">—</option>}
        {builtins.map((meta) => (
          <option key={meta.id} value={meta.id}>
            {meta.title}
          </option>
        ))}
        {scenario?.origin === 'file' && (
          // a loaded file may reuse a built-in's id: it is still not that built-in
          <option value={FILE}>{scenario.title} (loaded file)</option>
        )}
      </select>
    </label>
  );
}
