export { ShareBar } from './ShareBar.tsx';
export { TracePanel } from './TracePanel.tsx';
