import { describe, expect, it } from 'vitest';
import opening from 'virtual:gicscope-opening';
import { promptText } from './prompt.ts';

describe('promptText', () => {
  const view = opening.view;
  const chapters = opening.scenario.chapters ?? [];

  it('asks for nothing the page cannot do yet: the shipped opening before the worker is ready', () => {
    expect(promptText(view, chapters, false, false)).toMatch(/^Starting the simulation/);
  });

  it('names the next NMI once the worker can inject it', () => {
    expect(promptText(view, chapters, false, true)).toMatch(/Press Inject NMI \(N\)/);
  });

  it('says what is loading when there is no view', () => {
    expect(promptText(null, [], false, false)).toBe('Loading the simulation…');
  });
});
