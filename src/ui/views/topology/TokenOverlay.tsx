import { useEffect, useRef } from 'react';
import { motionEnabled } from '../../motion.ts';
import { useGicStore } from '../../store/instance.ts';
import { createTokenLayer } from './token-layer.ts';

const MAX_TOKEN_SPEED = 10;

/** Mounts the d3 token layer over the topology and feeds it the events of each frame. */
export function TokenOverlay({ host }: { readonly host: React.RefObject<HTMLElement | null> }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const store = useGicStore();

  useEffect(() => {
    const svg = svgRef.current;
    const hostElement = host.current;
    if (!svg || !hostElement || !motionEnabled()) return;
    const layer = createTokenLayer(svg, hostElement);
    let lastSeq = store.getState().cursor.seq;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.eventsVersion === previous.eventsVersion) return;
      // past 10× tokens would only be a blur (and cost layout reads): the cells still change
      const blur = state.playing && state.speed > MAX_TOKEN_SPEED;
      if (blur) {
        lastSeq = state.cursor.seq;
        return;
      }
      // new events up to the cursor (after a step back, replayed ones move tokens again)
      const fresh = state.events
        .latest(64, state.cursor.seq)
        .filter((event) => event.seq > lastSeq);
      lastSeq = state.cursor.seq;
      layer.play(
        fresh
          .filter((event) => event.path.length >= 2)
          .map((event) => ({
            path: event.path,
            nmi: /nmi/i.test(event.kind) || event.fields.nmi === true,
          })),
      );
    });
    return () => {
      unsubscribe();
      layer.destroy();
    };
  }, [host, store]);

  return <svg ref={svgRef} className="token-overlay" aria-hidden="true" />;
}
