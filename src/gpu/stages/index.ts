/** The GPU kernels of the depth filter chain, each behind the GpuStage interface (../gpu-stage). */
export { thresholdStage } from './threshold';
export { edgeRejectStage } from './edge-reject';
export { decimateStage } from './decimate';
export { inverseDepthStage } from './inverse-depth';
export { disparityStage } from './disparity';
export { medianStage } from './median';
export { bilateralStage } from './bilateral';
export { spatialStage } from './spatial';
export { temporalStage, type TemporalStageParams } from './temporal';
export { fillFromLeftStage } from './fill-from-left';
export { fillFromNeighboursStage } from './fill-from-neighbours';
export { pushPullStage } from './push-pull';
export { normalsPass, discontinuityMaskPass, type NormalsPass, type DiscontinuityMaskPass } from './normals';
