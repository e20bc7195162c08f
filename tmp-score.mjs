import { getLogNormalScore } from './node_modules/lighthouse/shared/statistics.js';
const s = (v, p10, median) => getLogNormalScore({ p10, median }, v);
for (const [lcp, tbt] of [[2260, 80], [2260, 100], [2260, 120], [2260, 150], [1900, 130], [1900, 150], [2260, 60]]) {
  const total = 0.1 * s(700, 1800, 3000) + 0.1 * s(1000, 3387, 5800) + 0.25 * s(lcp, 2500, 4000) + 0.3 * s(tbt, 200, 600) + 0.25;
  console.log(lcp, tbt, (total * 100).toFixed(1), 'lcp score', s(lcp, 2500, 4000).toFixed(3), 'tbt score', s(tbt, 200, 600).toFixed(3));
}
