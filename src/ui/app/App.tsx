import { Controls } from '../views/controls/Controls.tsx';
import { ConnectionBadge } from '../views/shell/ConnectionBadge.tsx';
import { ErrorBanner } from '../views/shell/ErrorBanner.tsx';
import { Notice } from '../views/shell/Notice.tsx';
import { ScenarioPicker } from '../views/controls/ScenarioPicker.tsx';
import { Topology } from '../views/topology/Topology.tsx';
import { CpuDetail } from '../views/cpu/CpuDetail.tsx';
import { InjectorPanel } from '../views/injector/InjectorPanel.tsx';
import { CountsTable } from '../views/counters/CountsTable.tsx';
import { EventLog } from '../views/log/EventLog.tsx';
import { ScenarioPanel } from '../views/scenario/ScenarioPanel.tsx';
import { InspectFocus } from '../views/selection/InspectFocus.tsx';
import { Explainer } from '../views/explainer/Explainer.tsx';
import { PriorityLadder } from '../views/ladder/PriorityLadder.tsx';
import { RegistersPanel } from '../views/registers/RegistersPanel.tsx';
import { Timeline } from '../views/timeline/Timeline.tsx';
import { ShareBar, TracePanel } from '../views/share/index.ts';

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
