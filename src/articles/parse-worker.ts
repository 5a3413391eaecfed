// A parse worker (ParsePool): reads, hashes and parses the files it is sent, by path, with
// parse-pool.ts's readAndParse (the safe read of read-file.ts, then parse.ts's parseArticle), and
// sends each outcome back as it is (plain data, see Article), until terminated.
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../thread-priority.js';
import { type FromParseWorker, readAndParse, type ToParseWorker } from './parse-pool.js';

// parsing is background work: the main thread, which answers /healthz and Discord, goes first
lowerThisThreadPriority();

const port = parentPort!;
port.on('message', ({ id, ...job }: ToParseWorker) => {
  readAndParse(job).then(
    (outcome) => port.postMessage({ id, outcome } satisfies FromParseWorker),
    (error: unknown) =>
      port.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies FromParseWorker),
  );
});
