import { useEffect } from 'react';
import { Controls } from '../views/controls/Controls.tsx';
import { ConnectionBadge } from '../views/shell/ConnectionBadge.tsx';
import { ErrorBanner } from '../views/shell/ErrorBanner.tsx';
import { Notice } from '../views/shell/Notice.tsx';
import { ScenarioPicker } from '../views/controls/ScenarioPicker.tsx';
import { Topology } from '../views/topology/Topology.tsx';
import { ScenarioPanel } from '../views/scenario/ScenarioPanel.tsx';
import { ShareBar } from '../views/share/ShareBar.tsx';
import { ChapterBar } from '../views/chapters/ChapterBar.tsx';
import { NmiStory } from '../views/story/NmiStory.tsx';
import { afterFirstScreen } from '../boot/first-screen.ts';
import { lazyView } from '../boot/lazy-view.tsx';
import { BlankScreen } from './BlankScreen.tsx';
import { Prompt } from './Prompt.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { selectPresenter } from './ui-store.ts';
import { useUi } from './ui-instance.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { ViewButtons } from './ViewButtons.tsx';

// The first screen is the header (with the share bar and the chapter), the diagram and the NMI
// story: drawn in the static HTML and by React's first render alike, so nothing above the fold
// moves when the page comes alive. The rest loads once it is painted, each view in its own chunk
// (the charts bring d3 with them).
const later = <P extends object>(load: () => Promise<Record<string, unknown>>, name: string) =>
  lazyView<P>(afterFirstScreen(load), name);
const CpuDetail = later(() => import('../views/cpu/CpuDetail.tsx'), 'CpuDetail');
const CountsTable = later(() => import('../views/counters/CountsTable.tsx'), 'CountsTable');
const EventLog = later(() => import('../views/log/EventLog.tsx'), 'EventLog');
const InspectFocus = later(() => import('../views/selection/InspectFocus.tsx'), 'InspectFocus');
const Explainer = later(() => import('../views/explainer/Explainer.tsx'), 'Explainer');
const PriorityLadder = later(() => import('../views/ladder/PriorityLadder.tsx'), 'PriorityLadder');
const RegistersPanel = later(
  () => import('../views/registers/RegistersPanel.tsx'),
  'RegistersPanel',
);
const ItsPanel = later(() => import('../views/its/ItsPanel.tsx'), 'ItsPanel');
const TracePanel = later(() => import('../views/share/TracePanel.tsx'), 'TracePanel');
const Timeline = later(() => import('../views/timeline/Timeline.tsx'), 'Timeline');

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
          <ShareBar />
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
        <ItsPanel />
        <Timeline />
        <div id="details" className="details" tabIndex={-1}>
          <div className="details-column">
            <TracePanel />
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
