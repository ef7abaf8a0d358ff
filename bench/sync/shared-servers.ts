/**
 * Not a benchmark: the server the sync scripts share during `npm run bench` (see
 * `sharedServer` in support.ts). Starts one per driver with a slot of teams per script,
 * prints `SIDENOTE_BENCH_SERVERS=<json>` and serves until its stdin closes.
 * Run by scripts/bench.mjs: npx tsx bench/sync/shared-servers.ts <slots>
 */
import { SHARED_TEAMS_PER_SLOT, benchDrivers, startBenchServer, type BenchServer } from './support';

const slots = Number(process.argv[2] ?? 8);
const servers: BenchServer[] = [];
for (const driver of benchDrivers()) servers.push(await startBenchServer(driver, { teams: slots * SHARED_TEAMS_PER_SLOT }));
console.log(`SIDENOTE_BENCH_SERVERS=${JSON.stringify(Object.fromEntries(servers.map((server) => [server.driver, { url: server.url, teams: server.teams }])))}`);

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  for (const server of servers) await server.close();
  process.exit(0);
};
process.stdin.on('end', () => void close());
process.stdin.on('close', () => void close());
process.stdin.resume();
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
