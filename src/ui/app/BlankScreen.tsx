import { selectBlank } from './ui-store.ts';
import { useUi } from './ui-instance.ts';

/** B (or the clicker's blank key) covers the screen; the machine keeps its moment. */
export function BlankScreen() {
  const blank = useUi(selectBlank);
  if (!blank) return null;
  return (
    <div className="blank-screen" role="status" aria-label="Screen blanked">
      <span className="blank-hint">Screen blanked — press B to come back</span>
    </div>
  );
}
