import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App.tsx';
import { UiProvider } from '../app/UiProvider.tsx';
import { InstanceProvider } from '../store/context.tsx';
import type { Session } from './session.ts';

/** The React tree: the second chunk, loaded while the worker boots. */
export function render({ store, client, ui }: Session, root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <InstanceProvider store={store} client={client}>
        <UiProvider store={ui}>
          <App />
        </UiProvider>
      </InstanceProvider>
    </StrictMode>,
  );
}
