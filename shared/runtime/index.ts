export * from './action';
export * from './errors';
export * from './logger';
export * from './open-store';
export * from './params';
