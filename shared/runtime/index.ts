export * from './action';
export * from './errors';
export * from './logger';
export * from './params';
export * from './open-store';
