export * from './usd-valuer';
export * from './usd-totals';
