export * from './common';
export * from './errors';
export * from './auth';
export * from './categories';
export * from './requests';
export * from './routes';
export * from './health';
export * from './inbox';
