// A worker thread does not inherit the main thread's TypeScript loader (tsx): register it
// here, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./sync-worker.ts');
