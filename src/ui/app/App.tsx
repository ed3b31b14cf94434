import { Controls } from '../views/controls/Controls.tsx';
import { ConnectionBadge } from '../views/shell/ConnectionBadge.tsx';
import { ErrorBanner } from '../views/shell/ErrorBanner.tsx';
import { Notice } from '../views/shell/Notice.tsx';
import { ScenarioPicker } from '../views/controls/ScenarioPicker.tsx';
import { Topology } from '../views/topology/Topology.tsx';
import { InjectorPanel } from '../views/injector/InjectorPanel.tsx';
import { ScenarioPanel } from '../views/scenario/ScenarioPanel.tsx';
import { lazyView } from '../boot/lazy-view.tsx';

// Off the first screen's critical path: each in its own chunk (the charts bring d3 with them).
const CpuDetail = lazyView(() => import('../views/cpu/CpuDetail.tsx'), 'CpuDetail');
const CountsTable = lazyView(() => import('../views/counters/CountsTable.tsx'), 'CountsTable');
const EventLog = lazyView(() => import('../views/log/EventLog.tsx'), 'EventLog');
const InspectFocus = lazyView(() => import('../views/selection/InspectFocus.tsx'), 'InspectFocus');
const Explainer = lazyView(() => import('../views/explainer/Explainer.tsx'), 'Explainer');
const PriorityLadder = lazyView(
  () => import('../views/ladder/PriorityLadder.tsx'),
  'PriorityLadder',
);
const RegistersPanel = lazyView(
  () => import('../views/registers/RegistersPanel.tsx'),
  'RegistersPanel',
);
const ItsPanel = lazyView(() => import('../views/its/ItsPanel.tsx'), 'ItsPanel');
const TracePanel = lazyView(() => import('../views/share/TracePanel.tsx'), 'TracePanel');
const Timeline = lazyView(() => import('../views/timeline/Timeline.tsx'), 'Timeline');
import { ShareBar } from '../views/share/ShareBar.tsx';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          gicscope <span className="tagline">GICv3 made visible</span>
        </h1>
        <ScenarioPicker />
        <ShareBar />
        <ConnectionBadge />
      </header>
      <ErrorBanner />
      <Notice />
      <Controls />
      <main className="layout">
        <div className="main-column">
          <Topology />
          <ItsPanel />
          <Timeline />
          <EventLog />
          <RegistersPanel />
        </div>
        <aside className="side">
          <TracePanel />
          <ScenarioPanel />
          <InjectorPanel />
          <CpuDetail />
          <Explainer />
          <PriorityLadder />
          <CountsTable />
        </aside>
        <InspectFocus />
      </main>
    </div>
  );
}
