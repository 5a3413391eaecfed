// A parse worker (ParsePool): reads, hashes and parses the files it is sent, by path, with
// parse-pool.ts's readAndParse (the safe read of read-file.ts, then parse.ts's parseArticle), and
// sends each outcome back packed (outcome-pieces.ts: serialised in pieces into a transferred
// buffer, which the main thread deserialises piece by piece), until terminated.
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../thread-priority.js';
import { packOutcome } from './outcome-pieces.js';
import { type FromParseWorker, readAndParse, type ToParseWorker } from './parse-pool.js';

// parsing is background work: the main thread, which answers /healthz and Discord, goes first
lowerThisThreadPriority();

const port = parentPort!;
port.on('message', ({ id, ...job }: ToParseWorker) => {
  readAndParse(job).then(
    (outcome) => {
      const packed = packOutcome(outcome);
      port.postMessage({ id, packed } satisfies FromParseWorker, [packed.buffer]);
    },
    (error: unknown) =>
      port.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies FromParseWorker),
  );
});
