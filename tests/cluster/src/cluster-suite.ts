/**
 * How many trials each cluster fault runs: `CLUSTER_TRIALS`, else 1 under `CLUSTER=ci` (the subset the test
 * command runs) and 3 for the full suite (`npm run test:cluster`).
 */
export const CLUSTER_TRIALS = Number(process.env['CLUSTER_TRIALS'] ?? (process.env['CLUSTER'] === 'ci' ? 1 : 3));
