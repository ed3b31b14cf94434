import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import opening from 'virtual:gicscope-opening';
import { App } from '../app/App.tsx';
import { UiProvider } from '../app/UiProvider.tsx';
import { InstanceProvider } from '../store/context.tsx';
import type { GicStore } from '../store/create-store.ts';
import { previewStore } from './opening.ts';
import type { Session } from './session.ts';
import { Shown } from './shown.tsx';

/**
 * The React tree: the second chunk, loaded while the worker boots. On the default opening it
 * first draws the opening shipped with it, then the worker's store once the worker has opened
 * the same moment (the same tree: React keeps every element and only redraws what differs).
 */
export function render({ store, client, ui, handover }: Session, root: HTMLElement): void {
  const reactRoot = createRoot(root);
  const tree = (shown: GicStore, onShown: () => void) => (
    <StrictMode>
      <InstanceProvider store={shown} client={client}>
        <UiProvider store={ui}>
          <App />
        </UiProvider>
      </InstanceProvider>
      <Shown onShown={onShown} />
    </StrictMode>
  );
  if (!handover) {
    reactRoot.render(tree(store, noop));
    return;
  }
  const preview = previewStore(opening);
  reactRoot.render(tree(preview, noop));
  void handover.opened.then(() => {
    keepSelection(preview, store);
    reactRoot.render(tree(store, handover.done));
  });
}

const noop = (): void => undefined;

/** A cell or PE chosen on the shipped opening stays chosen on the worker's. */
function keepSelection(from: GicStore, to: GicStore): void {
  const { selectedKey, selectedPe } = from.getState();
  const state = to.getState();
  if (state.view === null || state.scenario?.id !== from.getState().scenario?.id) return;
  if (selectedPe !== 0 && selectedPe < state.view.cpus.length) state.selectPe(selectedPe);
  if (selectedKey !== null && state.view.interrupts[selectedKey] !== undefined)
    state.selectInterrupt(selectedKey);
}
