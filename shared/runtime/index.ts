export * from './action';
export * from './deployment-settings';
export * from './errors';
export * from './logger';
export * from './open-store';
export * from './param-help';
export * from './params';
export * from './progress';
