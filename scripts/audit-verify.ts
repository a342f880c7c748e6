/**
 * `npm run -s audit:verify -- <file>...`: checks the SHA-256 digest chain of audit exports (timeline JSON or
 * CSV, history JSON). Prints one line per file; exits 0 when every file is intact, 1 naming the first bad
 * entry of each file that is not, 2 when a file cannot be read. `--head <hex>` also checks the file's last
 * hash against the one the audit read log recorded when it was exported.
 */
import { readFileSync } from 'node:fs';
import { verifyExport } from '../audit/export-format';

function main(argv: string[]): number {
  const files: string[] = [];
  let expectedHead: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--head') expectedHead = argv[++i];
    else files.push(argv[i]!);
  }
  if (!files.length || (argv.includes('--head') && !expectedHead)) {
    process.stderr.write('usage: npm run -s audit:verify -- [--head <sha256>] <tệp xuất>...\n');
    return 2;
  }
  let status = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      process.stderr.write(`LỖI ${file}: không đọc được tệp (${(err as Error).message})\n`);
      status = Math.max(status, 2);
      continue;
    }
    const result = verifyExport(text);
    if (!result.ok) {
      process.stderr.write(`HỎNG ${file}: ${result.where}: ${result.reason}\n`);
      status = Math.max(status, 1);
    } else if (expectedHead && result.head !== expectedHead) {
      process.stderr.write(`HỎNG ${file}: mã băm cuối ${result.head} khác mã đã ghi trong nhật ký (${expectedHead})\n`);
      status = Math.max(status, 1);
    } else {
      process.stdout.write(`OK ${file}: ${result.format}, ${result.workflowId}, ${result.entries} mục, mã băm cuối ${result.head}\n`);
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
