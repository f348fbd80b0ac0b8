// Entry of the link thread (see start-link-thread.ts) when ctacode runs its TypeScript: worker
// threads do not inherit the tsx loader of the main thread, so this plain-JS entry registers it and
// then loads the TypeScript entry (compiled, link-thread-entry.js is the thread's entry itself).
import { register } from 'tsx/esm/api';

register();
await import('./link-thread-entry.ts');
