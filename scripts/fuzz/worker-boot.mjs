// A worker thread starts as plain Node: register tsx here so it can load the TypeScript targets.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
