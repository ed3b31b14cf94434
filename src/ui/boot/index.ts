// How the page starts: the session (worker, store, client) first, the React tree in a second
// chunk, views off the first screen in chunks of their own. main.tsx is the entry that uses these.
export { startSession, type Session } from './session.ts';
export { trackViewLoad, whenViewsLoaded } from './view-loads.ts';
