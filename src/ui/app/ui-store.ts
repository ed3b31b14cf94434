import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * How the page is shown, apart from the machine: presenter mode, the blanked screen, the
 * shortcut overlay, whether the diagram draws idle interrupts. One per app instance (context).
 */
export interface UiState {
  readonly presenter: boolean;
  readonly blank: boolean;
  readonly help: boolean;
  readonly showAll: boolean;
  setPresenter(on: boolean): void;
  setBlank(on: boolean): void;
  setHelp(on: boolean): void;
  setShowAll(on: boolean): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(
  initial: Partial<Pick<UiState, 'presenter' | 'showAll'>> = {},
): UiStore {
  return createStore<UiState>()((set) => ({
    presenter: initial.presenter ?? false,
    blank: false,
    help: false,
    showAll: initial.showAll ?? false,
    setPresenter: (presenter) => set({ presenter, blank: false }),
    setBlank: (blank) => set({ blank }),
    setHelp: (help) => set({ help }),
    setShowAll: (showAll) => set({ showAll }),
  }));
}

export const selectPresenter = (s: UiState) => s.presenter;
export const selectBlank = (s: UiState) => s.blank;
export const selectHelp = (s: UiState) => s.help;
export const selectShowAll = (s: UiState) => s.showAll;
