/**
 * A large upload through the dashboard's PUT api/upload route on the folder store, in this
 * process: wall time, MB/s and peak RSS, to show the body streams to disk instead of memory.
 *   node --import tsx bench/upload.ts [--mb 300]
 */
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openStore } from '../shared/runtime/open-store';
import { dashboardApp } from '../shared/stages/dashboard';

const args = process.argv.slice(2);
const mb = Number(args[args.indexOf('--mb') + 1] ?? 300) || 300;
const dir = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-upload-'));
const app = dashboardApp({
  store: openStore({ data_dir: dir }),
  assets: { 'index.html': '', 'app.js': '', 'app.css': '' },
  uploadToken: 't',
  maxUploadBytes: 1024 * 1024 * 1024,
});
const chunk = new TextEncoder().encode(`${'{"question":"what is gout","answer":"a joint disease"}\n'.repeat(1024)}`);
const chunks = Math.ceil((mb * 1024 * 1024) / chunk.length);
let sent = 0;
const body = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (sent === chunks) return controller.close();
    sent += 1;
    controller.enqueue(chunk);
  },
});
const started = performance.now();
const response = await app.request('/api/upload/production/big.jsonl', {
  method: 'PUT',
  body,
  headers: { authorization: 'Bearer t', 'content-length': String(chunks * chunk.length) },
  duplex: 'half',
} as RequestInit);
const seconds = (performance.now() - started) / 1000;
const bytes = chunks * chunk.length;
console.log(
  `upload of ${(bytes / 1e6).toFixed(0)} MB: HTTP ${response.status}, ${seconds.toFixed(2)} s,`,
  `${(bytes / 1e6 / seconds).toFixed(0)} MB/s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
await fs.rm(dir, { recursive: true, force: true });
