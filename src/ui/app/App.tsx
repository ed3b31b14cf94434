import { useEffect } from 'react';
import { Controls } from '../views/controls/Controls.tsx';
import { ConnectionBadge } from '../views/shell/ConnectionBadge.tsx';
import { ErrorBanner } from '../views/shell/ErrorBanner.tsx';
import { Notice } from '../views/shell/Notice.tsx';
import { ScenarioPicker } from '../views/controls/ScenarioPicker.tsx';
import { Topology } from '../views/topology/Topology.tsx';
import { CpuDetail } from '../views/cpu/CpuDetail.tsx';
import { NmiStory } from '../views/story/NmiStory.tsx';
import { CountsTable } from '../views/counters/CountsTable.tsx';
import { EventLog } from '../views/log/EventLog.tsx';
import { ScenarioPanel } from '../views/scenario/ScenarioPanel.tsx';
import { InspectFocus } from '../views/selection/InspectFocus.tsx';
import { Explainer } from '../views/explainer/Explainer.tsx';
import { PriorityLadder } from '../views/ladder/PriorityLadder.tsx';
import { RegistersPanel } from '../views/registers/RegistersPanel.tsx';
import { Timeline } from '../views/timeline/Timeline.tsx';
import { ChapterBar } from '../views/chapters/ChapterBar.tsx';
import { BlankScreen } from './BlankScreen.tsx';
import { Prompt } from './Prompt.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { selectPresenter } from './ui-store.ts';
import { useUi } from './ui-instance.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { ViewButtons } from './ViewButtons.tsx';

export function App() {
  const presenter = useUi(selectPresenter);
  useShortcuts();
  // rem-based sizes follow the root: presenter mode sets it to 24 px
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  return (
    <div className={`app${presenter ? ' presenter' : ''}`}>
      <SkipLinks />
      <header className="app-header">
        <div className="title-row">
          <h1>
            gicscope <span className="tagline">GICv3 made visible</span>
          </h1>
          <ScenarioPicker />
          <ConnectionBadge />
        </div>
        <ErrorBanner />
        <Notice />
        <Controls>
          <ViewButtons />
        </Controls>
        <ChapterBar />
        <Prompt />
      </header>
      <main className="layout">
        <div className="stage">
          <Topology />
          <NmiStory />
        </div>
        <Timeline />
        <div id="details" className="details" tabIndex={-1}>
          <div className="details-column">
            <ScenarioPanel />
            <Explainer />
            <PriorityLadder />
            <CpuDetail />
          </div>
          <div className="details-column">
            <EventLog />
            <CountsTable />
            <RegistersPanel />
          </div>
        </div>
        <InspectFocus />
      </main>
      <ShortcutHelp />
      <BlankScreen />
    </div>
  );
}
