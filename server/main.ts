import { runCli } from './cli';

// `npm run server` (tsx server/main.ts) and the sidenote-server bin both land here.
const outcome = await runCli(process.argv.slice(2));
if (outcome !== 'serving') process.exit(outcome);
