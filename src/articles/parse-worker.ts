// A parse worker (ParsePool): parses the files it is sent, one at a time, with parse.ts's
// parseArticle, and sends each result back as it is (plain data, see Article), until terminated.
import { parentPort } from 'node:worker_threads';
import { parseArticle } from './parse.js';
import type { FromParseWorker, ToParseWorker } from './parse-pool.js';

const port = parentPort!;
port.on('message', ({ id, file, bytes, maxBytes }: ToParseWorker) => {
  let message: FromParseWorker;
  try {
    message = { id, result: parseArticle(file, bytes, { maxBytes }) };
  } catch (error) {
    message = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(message);
});
