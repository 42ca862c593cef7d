// The bin's two lines against the sources (through tsx), for when dist/ is stale and not rebuilt.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
