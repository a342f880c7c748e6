/** Prints `--search-attribute Name=Type` flags for `temporal server start-dev` (used by scripts/start.sh). */
import { searchAttributeDefinitions } from '../workflows/common/search-attributes';

process.stdout.write(searchAttributeDefinitions.map((a) => `--search-attribute ${a.name}=${a.type}`).join(' ') + '\n');
