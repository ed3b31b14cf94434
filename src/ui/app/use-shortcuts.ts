import { useEffect } from 'react';
import { useClient, useGicStore } from '../store/instance.ts';
import { useChapterSteps } from '../views/chapters/use-chapters.ts';
import { isActivatable, isTyping } from './shortcuts.ts';
import { useUiStore } from './ui-instance.ts';

async function toggleFullscreen(): Promise<void> {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  } catch {
    // refused (no user gesture, or not allowed here): nothing to undo
  }
}

/** The page's keyboard: playback, clicker keys, presenter mode, blank, full screen, help. */
export function useShortcuts(): void {
  const client = useClient();
  const store = useGicStore();
  const ui = useUiStore();
  const chapters = useChapterSteps();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      const state = ui.getState();
      const key = event.key;
      const done = () => event.preventDefault();
      if (state.blank) {
        if (key === 'b' || key === 'B' || key === '.' || key === 'Escape') state.setBlank(false);
        done();
        return;
      }
      if (key === 'Escape') {
        if (state.help) state.setHelp(false);
        else if (state.presenter) state.setPresenter(false);
        return;
      }
      if (state.help && key !== '?') return;
      const machine = store.getState();
      const ready = machine.status === 'ready' && machine.scenario !== null;
      switch (key) {
        case ' ':
          if (isActivatable(event.target) || !ready) return;
          done();
          void (machine.playing ? client.pause() : client.play());
          return;
        case 'ArrowRight':
          if (!ready) return;
          done();
          void client.step();
          return;
        case 'ArrowLeft':
          if (!ready) return;
          done();
          void client.stepBack();
          return;
        case 'PageDown':
        case 'PageUp': {
          if (!ready) return;
          done();
          const forward = key === 'PageDown';
          if (state.presenter && chapters.chapters.length > 0) chapters.step(forward ? 1 : -1);
          else void (forward ? client.step() : client.stepBack());
          return;
        }
        case 'n':
        case 'N':
          if (!ready) return;
          done();
          void client.injectNmi();
          return;
        case 'p':
        case 'P':
          done();
          state.setPresenter(!state.presenter);
          return;
        case 'f':
        case 'F':
          done();
          void toggleFullscreen();
          return;
        case 'b':
        case 'B':
        case '.':
          done();
          state.setBlank(true);
          return;
        case '?':
          done();
          state.setHelp(!state.help);
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, store, ui, chapters]);
}
