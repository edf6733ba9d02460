export * from './action';
export * from './errors';
export * from './logger';
export * from './params';
export * from './store-settings';
export { openwhiskMain } from './openwhisk';
