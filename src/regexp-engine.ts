// How V8 compiles this process's regular expressions, set once when the parser is loaded (parse.ts
// imports this module for that effect, so the CLI, the parse workers, the bench and the tests all
// get it). The setting changes how a pattern is compiled, never what it matches.
//
// By default V8 compiles a pattern first to bytecode for its interpreter and, once it has run, a
// second time to machine code ("tier-up"): cheap for the web page's pattern used once, dear for the
// parser's, which run on every block of every article. The page-furniture credit patterns
// (furniture/signals.ts) are long alternations of agencies and name words, and the bytecode
// compile (with its peephole pass) is the slow one: CREDIT_ONLY, TRAILING_CREDIT, CERTAIN_CREDIT
// and LEADING_CREDIT cost about 215 ms of CPU to compile to bytecode and 60 ms more to tier up,
// against 55 ms compiled straight to machine code (measured on this project's 2-core machine,
// Node 20). Every thread that parses paid that at its first article: the first CNN article took
// 750 ms of CPU to parse, 130 ms without the tier-up (docs/performance.md, "The parse's CPU").
// Patterns in this process are few and long-lived (compiled once each, by the cache V8 keeps per
// source and flags), so machine code for each at once costs little memory.
import v8 from 'node:v8';

/** The V8 flag that compiles each pattern straight to machine code, skipping the bytecode tier. */
export const REGEXP_NATIVE_FLAG = '--no-regexp-tier-up';

// V8 flags are the process's, shared by its worker threads: setting it here, before any parsing,
// covers the parse workers too. V8 reads this flag each time it compiles a pattern.
v8.setFlagsFromString(REGEXP_NATIVE_FLAG);
