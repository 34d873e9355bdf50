import { describe, expect, it } from 'vitest';
import { cameraConstraints, classifyCameraError } from './camera';

describe('camera', () => {
  it('says what to do for each refusal getUserMedia can throw', () => {
    const reason = (name: string) => classifyCameraError(new DOMException('x', name)).reason;
    expect(['NotAllowedError', 'SecurityError', 'NotFoundError', 'NotReadableError', 'AbortError', 'OverconstrainedError', 'TypeError'].map(reason)).toEqual([
      'denied',
      'denied',
      'no-camera',
      'busy',
      'busy',
      'resolution',
      'unexpected',
    ]);
    expect(classifyCameraError(new DOMException('x', 'NotAllowedError')).message).toMatch(/denied.*retry/i);
    expect(classifyCameraError(new DOMException('x', 'NotFoundError')).message).toMatch(/No camera/);
    expect(classifyCameraError(new DOMException('in use', 'NotReadableError')).message).toMatch(/another application/);
    expect(classifyCameraError('weird').message).toContain('weird');
  });

  it('asks for a resolution as ideal (never refused for it), and a chosen camera exactly', () => {
    expect(cameraConstraints({ deviceId: null, height: 720 })).toEqual({ audio: false, video: { height: { ideal: 720 }, facingMode: 'environment' } });
    expect(cameraConstraints({ deviceId: 'abc', height: 480 })).toEqual({ audio: false, video: { height: { ideal: 480 }, deviceId: { exact: 'abc' } } });
  });
});
