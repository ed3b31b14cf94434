import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { workerPort, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { App } from './app/App.tsx';
import { UiProvider } from './app/UiProvider.tsx';
import { GicClient } from './client/index.ts';
import { createGicStore } from './store/index.ts';
import { InstanceProvider } from './store/context.tsx';
import { installTestApi } from './test-api/install.ts';
import './styles.css';

const store = createGicStore();
const client = new GicClient(store, () =>
  workerPort<ToWorker, FromWorker>(
    new Worker(new URL('../worker/gic.worker.ts', import.meta.url), { type: 'module' }),
  ),
);
installTestApi(window, store, client);
void client.connect(async () => {
  const first = store.getState().builtins[0];
  if (!first) return;
  const wanted = initialScenario();
  const outcome = await client.loadScenario({ kind: 'builtin', id: wanted ?? first.id });
  if (!outcome.ok && wanted) await client.loadScenario({ kind: 'builtin', id: first.id });
  // with no link state the page opens on a moment that shows something: the first chapter
  const opening = wanted === null ? store.getState().scenario?.chapters?.[0] : undefined;
  if (opening) await client.runUntil(opening.at);
});

function initialScenario(): string | null {
  return new URLSearchParams(window.location.search).get('scenario');
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InstanceProvider store={store} client={client}>
      <UiProvider>
        <App />
      </UiProvider>
    </InstanceProvider>
  </StrictMode>,
);
