import { useEffect, useRef } from 'react';
import { motionEnabled } from '../../motion.ts';
import { useGicStore } from '../../store/instance.ts';
import { routeFor } from './routes.ts';
import { createTokenLayer } from './tokens.ts';
import type { DiagramLayout } from './types.ts';

/** Past 10× tokens would only be a blur (the cells and wires still change). */
const MAX_TOKEN_SPEED = 10;

/** The d3 token layer inside the diagram, fed with the events of each frame. */
export function TokenOverlay({ layout }: { readonly layout: DiagramLayout }) {
  const ref = useRef<SVGGElement>(null);
  const layoutRef = useRef(layout);
  const store = useGicStore();
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  useEffect(() => {
    const element = ref.current;
    if (!element || !motionEnabled()) return;
    const layer = createTokenLayer(element);
    let lastSeq = store.getState().events.latest(1)[0]?.seq ?? 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.eventsVersion === previous.eventsVersion) return;
      const fresh = state.events.latest(64).filter((event) => event.seq > lastSeq);
      lastSeq = state.events.latest(1)[0]?.seq ?? lastSeq;
      if (state.playing && state.speed > MAX_TOKEN_SPEED) return;
      // routes follow the layout of this frame, which React commits before the next paint
      requestAnimationFrame(() =>
        layer.play(
          fresh.flatMap((event) => {
            const nmi = /nmi/i.test(event.kind) || event.fields.nmi === true;
            const points = routeFor(layoutRef.current, event.path, event.kind, nmi);
            return points && points.length >= 2 ? [{ points, nmi }] : [];
          }),
        ),
      );
    });
    return () => {
      unsubscribe();
      layer.destroy();
    };
  }, [store]);

  return <g ref={ref} className="tokens" aria-hidden="true" pointerEvents="none" />;
}
