// The parse worker a library's load runs (ParsePool, with LoadOptions.parseWorkerScript): as
// articles/parse-worker.ts, and it also analyses each parsed article for the indexes
// (analyseArticle, library/analysed.ts) and sends the analysis with it. The main thread then adds
// the article to the indexes from its analysis (Library.build's `analysed`) instead of tokenizing
// and stemming its text itself: CPU taken off the thread that answers, at every start and reload,
// and the longest single step of a reload of huge files made shorter (docs/performance.md,
// "issue 17, 7 Dec, h17c").
import { serveParseJobs } from '../articles/parse-pool.js';
import { lowerThisThreadPriority } from '../thread-priority.js';
import { analyseArticle } from './indexed-article.js';

// parsing is background work: the main thread, which answers /healthz and Discord, goes first
lowerThisThreadPriority();

serveParseJobs(analyseArticle);
