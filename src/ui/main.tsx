import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { workerPort, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { App } from './app/App.tsx';
import { GicClient } from './client/index.ts';
import { createGicStore } from './store/index.ts';
import { InstanceProvider } from './store/context.tsx';
import { installTestApi } from './test-api/install.ts';
import { restoreFromLink } from './views/share/link/restore.ts';
import './styles.css';

const store = createGicStore();
const client = new GicClient(store, () =>
  workerPort<ToWorker, FromWorker>(
    new Worker(new URL('../worker/gic.worker.ts', import.meta.url), { type: 'module' }),
  ),
);
installTestApi(window, store, client);
// the URL is a link to a view (docs/sharing.md): the scenario, the moment, the selection
void client.connect(() => restoreFromLink(window.location.search, client, store));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <InstanceProvider store={store} client={client}>
      <App />
    </InstanceProvider>
  </StrictMode>,
);
