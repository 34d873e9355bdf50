/**
 * Main-thread handle on the depth model, which lives in its own worker
 * (depth-model.worker.ts): load with byte progress, run one frame at a time,
 * dispose to give the GPU memory back. Every failure is a DepthModelError with
 * a message for the user.
 */
import { DepthModelError, fromErrorData } from './depth-model-errors';
import type {
  DepthFrame,
  DepthModelSettings,
  DepthRunner,
  FrameImage,
  LoadProgress,
  LoadedModelInfo,
  ModelRequest,
  ModelResponse,
} from './depth-model-protocol';

export type { DepthFrame, DepthModelSettings, DepthRunner, FrameImage, LoadProgress, LoadedModelInfo } from './depth-model-protocol';

interface Pending {
  resolve: (msg: ModelResponse) => void;
  reject: (e: DepthModelError) => void;
  onProgress?: (p: LoadProgress) => void;
}

export class DepthModel implements DepthRunner {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private running = false;
  private worker: Worker | null;
  /** Set once load() resolves. */
  info!: LoadedModelInfo;

  private constructor() {
    this.worker = new Worker(new URL('./depth-model.worker.ts', import.meta.url), { type: 'module', name: 'depth-model' });
    this.worker.onmessage = (e: MessageEvent<ModelResponse>) => this.receive(e.data);
    this.worker.onerror = (e) => this.fail(new DepthModelError('released', 'The depth model stopped unexpectedly; load it again.', e.message));
  }

  /** Starts a worker and loads the model in it; rejects with a DepthModelError (the worker is then ended). */
  static async load(settings: DepthModelSettings, onProgress?: (p: LoadProgress) => void): Promise<DepthModel> {
    const m = new DepthModel();
    try {
      const msg = await m.request({ id: m.nextId++, kind: 'load', settings }, [], onProgress);
      if (msg.kind !== 'loaded') throw new DepthModelError('unexpected', 'The depth model worker answered out of turn.');
      m.info = msg.info;
      return m;
    } catch (e) {
      m.terminate();
      throw e;
    }
  }

  /** True while a frame is in the model: callers drop frames rather than queue them. */
  get busy(): boolean {
    return this.running;
  }

  /** Depth of one frame. ImageBitmap and VideoFrame are transferred to the worker (closed there). */
  async run(image: FrameImage): Promise<DepthFrame> {
    if (this.running || !this.worker) {
      if (!(image instanceof ImageData)) image.close(); // it was given up to us: do not leak it
      if (this.running) throw new DepthModelError('inference', 'A frame is already in the depth model; drop this one.');
      throw new DepthModelError('released', 'The depth model was released; load it again.');
    }
    this.running = true;
    try {
      const transfer = image instanceof ImageData ? [] : [image];
      const msg = await this.request({ id: this.nextId++, kind: 'run', image }, transfer);
      if (msg.kind !== 'depth') throw new DepthModelError('unexpected', 'The depth model worker answered out of turn.');
      return msg.frame;
    } finally {
      this.running = false;
    }
  }

  /** Releases the model's ONNX sessions (and their GPU memory), then ends the worker. */
  async dispose(): Promise<void> {
    if (!this.worker) return;
    try {
      await this.request({ id: this.nextId++, kind: 'dispose' }, []);
    } finally {
      this.terminate();
    }
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.fail(new DepthModelError('released', 'The depth model was released.'));
  }

  private fail(e: DepthModelError): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private receive(msg: ModelResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'progress') {
      p.onProgress?.({ loadedBytes: msg.loadedBytes, totalBytes: msg.totalBytes, file: msg.file });
      return;
    }
    this.pending.delete(msg.id);
    if (msg.kind === 'error') p.reject(fromErrorData(msg.error));
    else p.resolve(msg);
  }

  private request(req: ModelRequest, transfer: Transferable[], onProgress?: (p: LoadProgress) => void): Promise<ModelResponse> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new DepthModelError('released', 'The depth model was released; load it again.'));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject, onProgress });
      worker.postMessage(req, transfer);
    });
  }
}
