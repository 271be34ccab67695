export * from './organisations';
export * from './terminology';
export * from './portfolio';
export * from './foreman';
export * from './foreman-records';
