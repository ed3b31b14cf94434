import { selectPresenter } from './ui-store.ts';
import { useUi, useUiStore } from './ui-instance.ts';

/** Presenter mode and the shortcut list, as buttons (P and ? do the same). */
export function ViewButtons() {
  const presenter = useUi(selectPresenter);
  const ui = useUiStore();
  return (
    <span className="view-buttons">
      <button
        type="button"
        aria-pressed={presenter}
        onClick={() => ui.getState().setPresenter(!presenter)}
        title="Presenter mode (P): large type, the diagram and the NMI story only"
      >
        Presenter mode
      </button>
      <button
        type="button"
        title="Keyboard shortcuts (?)"
        onClick={() => ui.getState().setHelp(true)}
      >
        Shortcuts (?)
      </button>
    </span>
  );
}
