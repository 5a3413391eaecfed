// A parse worker (ParsePool): reads, hashes and parses the files it is sent, by path, with
// parse-pool.ts's readAndParseSync (the safe read of read-file.ts, then parse.ts's parseArticle), and
// sends each outcome back packed (outcome-pieces.ts: serialised in pieces into a transferred
// buffer, which the main thread deserialises piece by piece), until terminated.
import { lowerThisThreadPriority } from '../thread-priority.js';
import { serveParseJobs } from './parse-pool.js';

// parsing is background work: the main thread, which answers /healthz and Discord, goes first
lowerThisThreadPriority();

serveParseJobs();
