import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  selectInterruptGroups,
  selectSelectedKey,
  selectSelectedPe,
  selectView,
} from '../../store/index.ts';
import { useGic, useGicStore } from '../../store/instance.ts';
import { selectPresenter, selectShowAll } from '../../app/ui-store.ts';
import { useUi } from '../../app/ui-instance.ts';
import { diagramLayout } from './geometry.ts';
import { diagramInput } from './input.ts';
import { boxPaint, cellPaint, chipPaint, textFill, wirePaint, type Stroke } from './paint.ts';
import { DIAGRAM_FONT, DIAGRAM_FONT_SIZE, PALETTE } from './palette.ts';
import { moveInGrid } from './grid-keys.ts';
import { isPath, polyline } from './svg.ts';
import { afterFirstScreen } from '../../boot/first-screen.ts';
import { lazyView } from '../../boot/lazy-view.tsx';
import { usePrerender } from '../../boot/prerender.ts';
import type {
  BarItem,
  BlockItem,
  BoxItem,
  CellItem,
  ChipItem,
  DiagramLayout,
  GridItem,
  TextItem,
  WireItem,
} from './types.ts';

// The tokens' animation (and d3 with it) is not on the first screen: it comes with the panels.
const TokenOverlay = lazyView<{ readonly layout: DiagramLayout }>(
  afterFirstScreen(() => import('./TokenOverlay.tsx')),
  'TokenOverlay',
);

const strokeProps = (s: Stroke) => ({
  stroke: s.stroke,
  strokeWidth: s.strokeWidth,
  strokeDasharray: s.dash ?? undefined,
});

function Label({ item }: { readonly item: TextItem }) {
  return (
    <text
      x={item.x}
      y={item.y}
      fontSize={item.size}
      fontWeight={item.bold ? 700 : 400}
      textAnchor={item.anchor}
      fill={textFill(item)}
    >
      {item.text}
    </text>
  );
}

const Wire = memo(function Wire({ wire }: { readonly wire: WireItem }) {
  return isPath(wire.points) ? (
    <path
      d={polyline(wire.points)}
      fill="none"
      {...strokeProps(wirePaint(wire))}
      markerEnd={wire.arrow ? 'url(#diagram-arrow)' : undefined}
      data-wire={wire.id}
      data-lit={wire.lit ? 'true' : 'false'}
    />
  ) : null;
});

interface CellProps {
  readonly cell: CellItem;
  readonly tabbable: boolean;
  readonly onSelect: (cell: CellItem) => void;
  readonly onKey: (cell: CellItem, event: KeyboardEvent<SVGGElement>) => void;
}

const Cell = memo(
  function Cell({ cell, tabbable, onSelect, onKey }: CellProps) {
    const p = cellPaint(cell);
    const flag = Math.round(cell.h * 0.32);
    return (
      <g
        className="diagram-cell"
        role="button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={cell.label}
        aria-description={cell.title}
        aria-pressed={cell.selected}
        data-key={cell.key}
        onClick={() => onSelect(cell)}
        onKeyDown={(event) => onKey(cell, event)}
      >
        <rect
          className="focus-ring"
          x={cell.x - 4}
          y={cell.y - 4}
          width={cell.w + 8}
          height={cell.h + 8}
          rx={6}
          fill="none"
        />
        <rect
          x={cell.x}
          y={cell.y}
          width={cell.w}
          height={cell.h}
          rx={4}
          fill={p.fill}
          {...strokeProps(p)}
        />
        {p.inner && (
          <rect
            x={cell.x + 4}
            y={cell.y + 4}
            width={cell.w - 8}
            height={cell.h - 8}
            rx={2}
            fill="none"
            {...strokeProps(p.inner)}
          />
        )}
        {p.flag && (
          <path
            d={`M${cell.x + cell.w - flag - 2} ${cell.y + 2} L${cell.x + cell.w - 2} ${cell.y + 2} L${cell.x + cell.w - 2} ${cell.y + flag + 2} z`}
            fill={p.flag === 'filled' ? PALETTE.nmi : 'none'}
            stroke={PALETTE.nmi}
            strokeWidth={1.5}
          />
        )}
        {cell.story && (
          <rect
            x={cell.x - 4}
            y={cell.y - 4}
            width={cell.w + 8}
            height={cell.h + 8}
            rx={6}
            fill="none"
            stroke={PALETTE.nmi}
            strokeWidth={2.5}
            strokeDasharray={cell.story === 'next' ? '4 3' : undefined}
          />
        )}
        {cell.selected && (
          <rect
            x={cell.x - 2}
            y={cell.y - 2}
            width={cell.w + 4}
            height={cell.h + 4}
            rx={5}
            fill="none"
            stroke={PALETTE.accent}
            strokeWidth={2}
          />
        )}
        <Label item={cell.number} />
      </g>
    );
  },
  (a, b) =>
    a.tabbable === b.tabbable &&
    a.onSelect === b.onSelect &&
    a.onKey === b.onKey &&
    JSON.stringify(a.cell) === JSON.stringify(b.cell),
);

function Chip({ chip }: { readonly chip: ChipItem }) {
  const p = chipPaint(chip.mark);
  return (
    <g role="img" aria-label={chip.label} data-chip={chip.key}>
      <title>{chip.label}</title>
      <rect
        x={chip.x}
        y={chip.y}
        width={chip.w}
        height={chip.h}
        rx={3}
        fill={p.fill}
        {...strokeProps(p)}
      />
      <Label item={chip.text} />
    </g>
  );
}

function Bar({ bar }: { readonly bar: BarItem }) {
  const stroke = bar.kind === 'pmr' ? PALETTE.pending : PALETTE.accent;
  const width = bar.kind === 'pmr' ? 4 : 2;
  const d = bar.open
    ? `M${bar.x1} ${bar.y} L${bar.gapX - 9} ${bar.y} M${bar.gapX + 9} ${bar.y} L${bar.x2} ${bar.y}`
    : `M${bar.x1} ${bar.y} L${bar.x2} ${bar.y}`;
  return (
    <g data-bar={bar.id}>
      <path d={d} stroke={stroke} strokeWidth={width} />
      <Label item={bar.label} />
    </g>
  );
}

function Box({ box }: { readonly box: BoxItem }) {
  const p = boxPaint(box);
  return (
    <g data-box={box.id}>
      <rect
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={3}
        fill={p.fill}
        {...(p.stroke === 'none' ? {} : strokeProps(p))}
      />
      <Label item={box.text} />
    </g>
  );
}

function Grid({
  grid,
  cells,
  active,
  onSelect,
  onKey,
}: {
  readonly grid: GridItem;
  readonly cells: readonly CellItem[];
  readonly active: string | undefined;
  readonly onSelect: (cell: CellItem) => void;
  readonly onKey: (cell: CellItem, event: KeyboardEvent<SVGGElement>) => void;
}) {
  const tabbable = active !== undefined && grid.keys.includes(active) ? active : grid.keys[0];
  return (
    <>
      <g role="group" aria-label={grid.label}>
        {cells.map((cell) => (
          <Cell
            key={cell.key}
            cell={cell}
            tabbable={cell.key === tabbable}
            onSelect={onSelect}
            onKey={onKey}
          />
        ))}
      </g>
      {/* state glyphs sit outside the buttons: each button's name already says its state */}
      <g aria-hidden="true" pointerEvents="none">
        {cells.map((cell) => cell.glyph && <Label key={cell.key} item={cell.glyph} />)}
      </g>
    </>
  );
}

function Block({
  block,
  layout,
  active,
  onSelect,
  onKey,
  onBlock,
}: {
  readonly block: BlockItem;
  readonly layout: DiagramLayout;
  readonly active: Readonly<Record<string, string>>;
  readonly onSelect: (cell: CellItem) => void;
  readonly onKey: (cell: CellItem, event: KeyboardEvent<SVGGElement>) => void;
  readonly onBlock: (block: BlockItem) => void;
}) {
  // a Redistributor has two grids with an ITS: its SGIs/PPIs and its LPIs (`redistributor:0:lpi`)
  const grids = layout.grids.filter((g) => g.id === block.id || g.id.startsWith(`${block.id}:`));
  return (
    <g role="region" aria-label={block.label} data-key={block.id} onClick={() => onBlock(block)}>
      <rect
        x={block.x}
        y={block.y}
        width={block.w}
        height={block.h}
        rx={6}
        fill={block.selected ? PALETTE.blockSelected : PALETTE.block}
        stroke={block.selected ? PALETTE.borderSelected : PALETTE.border}
        strokeWidth={block.selected ? 2 : 1}
      />
      {block.texts.map((t, i) => (
        <Label key={i} item={t} />
      ))}
      {layout.bars
        .filter((b) => `cpu:${b.pe}` === block.id)
        .map((bar) => (
          <Bar key={bar.id} bar={bar} />
        ))}
      {layout.boxes
        .filter((b) => b.block === block.id)
        .map((box) => (
          <Box key={box.id} box={box} />
        ))}
      {layout.chips
        .filter((c) => c.block === block.id)
        .map((chip) => (
          <Chip key={chip.key} chip={chip} />
        ))}
      {grids.map((grid) => (
        <Grid
          key={grid.id}
          grid={grid}
          cells={layout.cells.filter((c) => c.grid === grid.id)}
          active={active[grid.id]}
          onSelect={onSelect}
          onKey={onKey}
        />
      ))}
    </g>
  );
}

/**
 * The GIC as a block diagram (geometry.ts), drawn in SVG at 1:1 for the width it has: regions
 * per block, each grid of cells one tab stop with arrow keys inside.
 */
export function Diagram() {
  const store = useGicStore();
  const view = useGic(selectView);
  const groups = useGic(selectInterruptGroups);
  const selectedKey = useGic(selectSelectedKey);
  const selectedPe = useGic(selectSelectedPe);
  const presenter = useUi(selectPresenter);
  const showAll = useUi(selectShowAll);
  const hostRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const prerender = usePrerender();
  const [width, setWidth] = useState(prerender?.diagramWidth ?? 0);
  const [active, setActive] = useState<Readonly<Record<string, string>>>({});

  // measured before the first paint: with useEffect the first screen painted an empty diagram
  // and drew the cells a frame later (issue 13)
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const measure = () => setWidth(Math.floor(host.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(
    () =>
      view && width > 0
        ? diagramLayout(
            diagramInput(
              view,
              {
                width,
                fontSize: presenter ? DIAGRAM_FONT_SIZE.presenter : DIAGRAM_FONT_SIZE.normal,
                showAll,
                selectedKey,
                selectedPe,
              },
              groups ?? undefined,
            ),
          )
        : null,
    [view, groups, width, presenter, showAll, selectedKey, selectedPe],
  );
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  const [onSelect, onKey, onBlock] = useMemo(() => {
    const select = (cell: CellItem) => {
      const state = store.getState();
      const selected = state.selectedKey === cell.key;
      state.selectInterrupt(selected ? null : cell.key);
      if (cell.pe !== null) state.selectPe(cell.pe);
      setActive((a) => ({ ...a, [cell.grid]: cell.key }));
    };
    const key = (cell: CellItem, event: KeyboardEvent<SVGGElement>) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        event.stopPropagation();
        select(cell);
        return;
      }
      const grid = layoutRef.current?.grids.find((g) => g.id === cell.grid);
      const next = grid ? moveInGrid(grid, cell, event.key) : null;
      if (next === null) return;
      event.preventDefault();
      event.stopPropagation();
      setActive((a) => ({ ...a, [cell.grid]: next }));
      svgRef.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(next)}"]`)?.focus();
    };
    const block = (b: BlockItem) => {
      if (b.pe !== null) store.getState().selectPe(b.pe);
    };
    return [select, key, block] as const;
  }, [store]);

  return (
    <div ref={hostRef} className="diagram-host">
      {layout && (
        <svg
          ref={svgRef}
          className="diagram"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          fontFamily={DIAGRAM_FONT}
          role="group"
          aria-label="GIC block diagram"
        >
          <defs>
            <marker
              id="diagram-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="10"
              markerHeight="10"
              orient="auto-start-reverse"
            >
              <path d="M0 0 L10 5 L0 10 z" fill="context-stroke" />
            </marker>
          </defs>
          <g className="wires">
            {layout.wires.map((wire) => (
              <Wire key={wire.id} wire={wire} />
            ))}
          </g>
          {layout.blocks.map((block) => (
            <Block
              key={block.id}
              block={block}
              layout={layout}
              active={active}
              onSelect={onSelect}
              onKey={onKey}
              onBlock={onBlock}
            />
          ))}
          <g className="wire-labels">
            {layout.wires.map((wire) => wire.label && <Label key={wire.id} item={wire.label} />)}
          </g>
          <TokenOverlay layout={layout} />
        </svg>
      )}
    </div>
  );
}
