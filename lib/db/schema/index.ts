export * from './organisations';
export * from './terminology';
export * from './portfolio';
export * from './planning';
export * from './planning-knowledge';
export * from './planning-runs';
export * from './planning-run-results';
export * from './planning-memory';
