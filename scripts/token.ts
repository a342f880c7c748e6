/** `npm run -s token -- <user-id>`: prints a signed-in token for a person of the directory (local key), nothing else. */
import { mintToken, localSigningKey } from '../api/auth';
import { Directory } from '../catalog/directory';
import { loadConfig } from '../config/env';

async function main(): Promise<void> {
  const userId = process.argv[2];
  const config = loadConfig();
  const directory = Directory.fromFile(config.DIRECTORY_FILE);
  if (!userId || !directory.user(userId)) {
    const known = directory.data.users.map((u) => `  ${u.id.padEnd(22)} ${u.role.padEnd(16)} ${u.agency}`).join('\n');
    process.stderr.write(`usage: npm run -s token -- <user-id>\n${userId ? `unknown user: ${userId}\n` : ''}users:\n${known}\n`);
    process.exit(2);
  }
  const token = await mintToken({ secret: localSigningKey(config.jwtSecretFile), issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, userId, ttl: '12h' });
  process.stdout.write(`${token}\n`);
}

void main();
