/** TSDF reconstruction (issue 16): settings and checks, the sparse volume, surfaces, accuracy. */
export * from './settings';
export * from './volume';
export * from './marching-cubes';
export * from './raycast';
export * from './accuracy';
export * from './mc-tables';
export * from './raycast-shade';
