import { useEffect, useRef } from 'react';
import { selectHelp } from './ui-store.ts';
import { useUi, useUiStore } from './ui-instance.ts';
import { SHORTCUTS } from './shortcuts.ts';

/** The `?` overlay: every shortcut, as a modal dialog. */
export function ShortcutHelp() {
  const open = useUi(selectHelp);
  const ui = useUiStore();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="shortcut-help"
      aria-labelledby="shortcut-title"
      onClose={() => ui.getState().setHelp(false)}
      onCancel={() => ui.getState().setHelp(false)}
    >
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <table aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ui.getState().setHelp(false)}>
        Close
      </button>
    </dialog>
  );
}
