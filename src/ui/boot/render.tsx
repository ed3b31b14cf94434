import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App.tsx';
import { InstanceProvider } from '../store/context.tsx';
import type { Session } from './session.ts';

/** The React tree: the second chunk, loaded while the worker boots. */
export function render({ store, client }: Session, root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <InstanceProvider store={store} client={client}>
        <App />
      </InstanceProvider>
    </StrictMode>,
  );
}
