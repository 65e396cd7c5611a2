export * from './cursor.ts';
export * from './page-window.ts';
export * from './count-argument.ts';
export * from './connection.ts';
