// The alert detectors: pure functions from facts (gathered by src/store/alerts/) to candidates.
export * from './broken-promise.ts';
export * from './candidate.ts';
export * from './credit-limit.ts';
export * from './new-customer-large-order.ts';
export * from './slowing-payments.ts';
export * from './stats.ts';
export * from './thresholds.ts';
export * from './unusual-order.ts';
