/** The recording worker: indexes a recording and decodes its frames off the main thread (recording-host.ts). */
import { openRecordingInput } from './open-recording-input';
import { RecordingHost } from './recording-host';
import type { RecordingRequest, RecordingResponse } from './recording-protocol';

const host = new RecordingHost(openRecordingInput, (msg: RecordingResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer));
let queue = Promise.resolve();

self.onmessage = (e: MessageEvent<RecordingRequest>) => {
  queue = queue.then(() => host.handle(e.data));
};
