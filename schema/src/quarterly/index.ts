export * from './quarter-states.ts';
export * from './quarter-transitions.ts';
export * from './quarter-calendar.ts';
