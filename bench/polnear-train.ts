// A second, larger check of quotation finding: the PolNeAR *training* articles (840, against 84
// in the dev half that `../shared/eval/quotes.mjs` scores by default), turned into the dev half's
// gold format and scored by the same script. Rules tuned on the dev half are checked here on
// articles they were not tuned on.
//
//   npm run build && npm run quotes:train [-- --shared ../shared]
//
// `--shared`: the folder holding `corpus/` and `eval/` (default `../shared`, as for the eval
// scripts; a git worktree elsewhere passes its path).
//
// Reads the corpus's brat files (`attributions/*.ann`, one per annotator) and texts (`text/`),
// keeps, like the dev gold, one annotator per article and the attributions whose content holds a
// quotation mark, and writes `gold.jsonl` and a `seeds` link under the system temp folder. Nothing
// of the corpus is copied into the repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Span {
  type: string;
  spans: [number, number][];
}

interface GoldQuote {
  article: string;
  ann_file: string;
  relation: string;
  source: string | null;
  cue: string | null;
  content: string;
  quoted: string;
}

/** The text-bound annotations (`T1\tSource 10 12\twe`) and events (`E1\tAttribution:T4 Content:T3 …`). */
function readBrat(ann: string): { spans: Map<string, Span>; events: Record<string, string>[] } {
  const spans = new Map<string, Span>();
  const events: Record<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const [id, info] = line.split('\t');
    if (!id || !info) continue;
    if (id.startsWith('T')) {
      const [type = '', ...offsets] = info.split(' ');
      const ranges = offsets
        .join(' ')
        .split(';')
        .map((r) => r.split(' ').map(Number) as [number, number]);
      spans.set(id, { type, spans: ranges });
    } else if (id.startsWith('E')) {
      events.push({
        id,
        ...Object.fromEntries(
          info
            .trim()
            .split(' ')
            .map((p) => p.split(':')),
        ),
      });
    }
  }
  return { spans, events };
}

/** The parts of `content` inside double quotation marks, joined as the dev gold joins them. */
function quotedParts(content: string): string {
  const parts: string[] = [];
  for (const m of content.matchAll(/[“"]([^“”"]*)(?:[”"]|$)/g)) {
    const part = m[1]?.trim();
    if (part) parts.push(part);
  }
  return parts.join(' … ');
}

export function polnearGold(corpus: string): GoldQuote[] {
  const annDir = path.join(corpus, 'attributions');
  const textDir = path.join(corpus, 'text');
  const byArticle = new Map<string, string[]>();
  for (const file of fs.readdirSync(annDir).sort()) {
    const article = /^(.*)_[0-9a-f]{4}\.ann$/.exec(file)?.[1];
    if (!article) continue;
    byArticle.set(article, [...(byArticle.get(article) ?? []), file]);
  }
  const gold: GoldQuote[] = [];
  for (const [article, annFiles] of byArticle) {
    const annFile = annFiles[0] as string;
    const text = fs.readFileSync(path.join(textDir, `${article}.txt`), 'utf8');
    const { spans, events } = readBrat(fs.readFileSync(path.join(annDir, annFile), 'utf8'));
    const textOf = (id: string | undefined) => {
      const span = id ? spans.get(id) : undefined;
      return span ? span.spans.map(([a, b]) => text.slice(a, b)).join(' ') : null;
    };
    for (const event of events) {
      const content = textOf(event.Content);
      if (!content || !/[“”"]/.test(content)) continue;
      const quoted = quotedParts(content);
      if (!quoted) continue;
      gold.push({
        article,
        ann_file: annFile,
        relation: event.id ?? '',
        source: textOf(event.Source),
        cue: textOf(event.Cue),
        content,
        quoted,
      });
    }
  }
  return gold;
}

function main(): void {
  const args = process.argv.slice(2);
  const sharedAt = args.indexOf('--shared');
  const shared = path.resolve(sharedAt >= 0 ? (args[sharedAt + 1] ?? '') : '../shared');
  const corpus = path.join(shared, 'corpus', 'polnear', 'train');
  const script = path.join(shared, 'eval', 'quotes.mjs');
  for (const needed of [path.join(corpus, 'attributions'), script]) {
    if (!fs.existsSync(needed)) {
      console.error(
        `quotes:train: ${needed} not found (run from the project root next to ../shared, or pass --shared DIR)`,
      );
      process.exit(2);
    }
  }
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbot-polnear-train-'));
  const gold = polnearGold(corpus);
  fs.writeFileSync(path.join(data, 'gold.jsonl'), `${gold.map((g) => JSON.stringify(g)).join('\n')}\n`);
  fs.symlinkSync(path.join(corpus, 'text'), path.join(data, 'seeds'));
  console.error(`quotes:train: ${gold.length} gold quotations from ${corpus}`);
  const run = spawnSync(
    process.execPath,
    [
      script,
      '.',
      '--data',
      data,
      '--diag',
      path.join(os.tmpdir(), 'newsbot-eval', 'quotes-train-diagnostics.txt'),
    ],
    { stdio: 'inherit', env: { NEWSBOT_CMD: `${process.execPath} dist/cli.js`, ...process.env } },
  );
  fs.rmSync(data, { recursive: true, force: true });
  process.exit(run.status ?? 2);
}

main();
