/**
 * A worker thread's script, by its path under src/ with the built extension ("search-pool/worker.js"):
 * the built file beside the running code, or the build's (dist/) when the code runs from the sources
 * (the unit tests), since a worker thread cannot run TypeScript.
 */
export function workerScript(underSrc: string): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL(`../dist/${underSrc}`, here) : new URL(`./${underSrc}`, here);
}
