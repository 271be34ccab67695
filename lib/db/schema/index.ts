export * from './organisations';
export * from './terminology';
export * from './portfolio';
