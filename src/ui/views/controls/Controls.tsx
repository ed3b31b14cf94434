import type { ReactNode } from 'react';
import {
  selectBusy,
  selectCanStepBack,
  selectScenario,
  selectSpeed,
  selectStatus,
  selectTime,
} from '../../store/index.ts';
import { useClient, useGic } from '../../store/instance.ts';
import { formatTime } from '../../format.ts';
import { NmiButton } from '../injector/NmiButton.tsx';
import { Progress } from './Progress.tsx';

const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000, 10000, Infinity];

/** The virtual time, on its own: the one part of the toolbar that changes at every frame. */
function Clock() {
  const time = useGic(selectTime);
  return (
    <output className="clock" aria-label="Virtual time">
      t = {formatTime(time)}
    </output>
  );
}

export function Controls({ children }: { readonly children?: ReactNode }) {
  const client = useClient();
  // a long operation (run until, run to end…) is paused by the same button as playback; a
  // boolean, not the progress itself, which is a new object at every max-speed frame
  const playing = useGic(selectBusy);
  const canStepBack = useGic(selectCanStepBack);
  const status = useGic(selectStatus);
  const scenario = useGic(selectScenario);
  const ready = status === 'ready' && scenario !== null;
  const speed = useGic(selectSpeed);

  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      {playing ? (
        <button type="button" onClick={() => void client.pause()} disabled={!ready}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={() => void client.play()} disabled={!ready}>
          Play
        </button>
      )}
      <button type="button" onClick={() => void client.step()} disabled={!ready} title="Step (→)">
        Step
      </button>
      <button
        type="button"
        className="step-interrupt"
        onClick={() => void client.step(1, 'acknowledge')}
        disabled={!ready}
      >
        Step to next interrupt
      </button>
      <button
        type="button"
        onClick={() => void client.stepBack()}
        disabled={!ready || !canStepBack}
      >
        Step back
      </button>
      <button type="button" onClick={() => void client.reset()} disabled={!ready}>
        Reset
      </button>
      <label className="speed">
        Speed
        <select
          value={String(speed)}
          onChange={(event) => void client.setSpeed(Number(event.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {Number.isFinite(s) ? `${s}×` : 'max'}
            </option>
          ))}
        </select>
      </label>
      <Clock />
      <NmiButton disabled={!ready} />
      <Progress />
      {children}
    </div>
  );
}
