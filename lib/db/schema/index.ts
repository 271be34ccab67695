export * from './organisations';
export * from './terminology';
export * from './portfolio';
export * from './change-requests';
export * from './roadmap';
export * from './audit';
