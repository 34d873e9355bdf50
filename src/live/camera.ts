/**
 * The webcam: opening it at a chosen camera and resolution, listing cameras,
 * and what to tell the user when getUserMedia refuses (each DOMException name
 * browsers use, turned into a message that says what to do).
 */

/** Frame heights offered (16:9 or 4:3 as the camera prefers); the browser picks the nearest mode. */
export const CAMERA_HEIGHTS = [360, 480, 720, 1080] as const;
export const DEFAULT_CAMERA_HEIGHT = 480;

export interface CameraChoice {
  /** null: the browser's default camera. */
  deviceId: string | null;
  height: number;
}

export interface CameraInfo {
  deviceId: string;
  label: string;
}

export type CameraFailure = 'denied' | 'no-camera' | 'busy' | 'resolution' | 'unsupported' | 'unexpected';

export class CameraError extends Error {
  override name = 'CameraError';
  constructor(
    readonly reason: CameraFailure,
    message: string,
  ) {
    super(message);
  }
}

/** getUserMedia constraints for a choice: `ideal` sizes, so a camera without the mode still opens. */
export function cameraConstraints(choice: CameraChoice): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      height: { ideal: choice.height },
      ...(choice.deviceId ? { deviceId: { exact: choice.deviceId } } : { facingMode: 'environment' }),
    },
  };
}

/** Turns what getUserMedia threw into a CameraError with a message for the user. */
export function classifyCameraError(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new CameraError('denied', 'Camera access was denied. Allow the camera for this site (the camera icon in the address bar), then retry.');
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new CameraError('no-camera', 'No camera was found. Connect a camera, then retry.');
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('busy', 'The camera could not be started: another application may be using it. Close it there, then retry.');
    case 'OverconstrainedError':
      return new CameraError('resolution', 'The chosen camera cannot give that resolution, or is gone. Choose another camera or resolution, then retry.');
    default:
      return new CameraError('unexpected', `The camera could not be opened (${detail}).`);
  }
}

/** Opens the camera; throws a CameraError. */
export async function openCamera(choice: CameraChoice): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', 'This page cannot reach a camera: it needs a secure (https) connection and a browser with camera access.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(cameraConstraints(choice));
  } catch (e) {
    throw classifyCameraError(e);
  }
}

/** The cameras the browser lists (labels appear once access was granted). */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Ends every track: the camera's light goes off and another application may take it. */
export function releaseCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** A muted, inline video element playing the camera stream, for frame capture and the panel's preview. */
export function cameraVideo(stream: MediaStream): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.dataset.testid = 'live-video';
  video.srcObject = stream;
  return video;
}
