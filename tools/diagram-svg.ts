// Developer script: the diagram of a built-in scenario at a moment, as a standalone SVG.
// npx tsx tools/diagram-svg.ts rfc-nmi 101000 [width] [fontSize] > out.svg
import { machineEngineFactory } from '../src/worker/machine-engine.ts';
import { diagramInput } from '../src/ui/views/diagram/input.ts';
import { diagramLayout } from '../src/ui/views/diagram/geometry.ts';
import { diagramSvg } from '../src/ui/views/diagram/svg.ts';

const [id = 'rfc-nmi', at = '0', width = '880', font = '14'] = process.argv.slice(2);
const engine = machineEngineFactory.load({ kind: 'builtin', id });
engine.runUntil(Number(at));
const view = engine.view();
const layout = diagramLayout(
  diagramInput(view, {
    width: Number(width),
    fontSize: Number(font),
    showAll: false,
    selectedKey: null,
    selectedPe: 0,
  }),
);
process.stdout.write(diagramSvg(layout, `${id} at ${at} ns`));
