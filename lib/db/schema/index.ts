export * from './organisations';
export * from './terminology';
export * from './portfolio';
export * from './governance';
export * from './governance-deploy';
export * from './governance-system';
export * from './governance-memory';
