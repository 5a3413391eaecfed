import { describe, expect, it } from 'vitest';
import { checkCommand, runChecked, runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import type { LiveLibrary } from '../../../src/library/live.js';
import { Progress } from '../../../src/library/progress.js';
import { Metrics } from '../../../src/web/metrics.js';
import { buildWebApp } from '../../../src/web/server.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { app, logger, open } from './web-fixtures.js';

describe('health, readiness and metrics', () => {
  it('/healthz answers; /readyz is 503 until articles are indexed and the gateway is connected', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let connected = false;
    const web = app({ live, gatewayConnected: () => connected });
    expect((await web.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const waiting = await web.inject('/readyz');
    expect(waiting.statusCode).toBe(503);
    expect(waiting.json()).toEqual({ status: 'not ready', articles: 1, gateway: 'disconnected' });
    connected = true;
    const ready = await web.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', articles: 1, gateway: 'connected' });

    const { live: empty } = await open({ 'notes.bin': 'not an article' });
    const console = app({ live: empty });
    const res = await console.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ articles: 0, gateway: null });
  });

  it('/readyz and /metrics say how far a running reload is', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let clock = 0;
    const progress = new Progress('reload', () => clock);
    progress.listed(200);
    for (let i = 0; i < 50; i++) progress.record(i < 10);
    clock = 2000;
    // the library as a reload sees it halfway: the same snapshot, with its progress
    const reloading = Object.create(live, { progress: { get: () => progress } }) as LiveLibrary;
    const web = app({ live: reloading });
    expect((await web.inject('/readyz')).json()).toMatchObject({
      status: 'ready',
      articles: 1,
      progress: {
        work: 'reload',
        phase: 'reading',
        files: 200,
        read: 50,
        parsed: 10,
        rate: 25,
        etaSeconds: 6,
      },
    });
    const metrics = (await web.inject('/metrics')).body;
    expect(metrics).toContain('newsbot_progress_files{state="read"} 50');
    expect(metrics).toContain('newsbot_progress_phase_ratio{phase="reading"} 0.25');
    expect(metrics).toContain('newsbot_progress_eta_seconds 6');
    // none running: no progress
    expect((await app({ live }).inject('/readyz')).json()).not.toHaveProperty('progress');
  });

  it('/metrics counts replies by command and outcome, times them, and reads the snapshot and reloads', async () => {
    const { live } = await open({ 'news/ferry.txt': SEED_FORMAT, 'rail.md': FRONT_MATTER });
    const metrics = new Metrics(live);
    const web = buildWebApp({ live, logger, metrics, publicUrl: null });
    const context = {
      library: live.current,
      who: { userId: '1', username: 'u', isAdmin: false },
      now: new Date(),
      articleBaseUrl: null,
      commands: COMMANDS,
      observe: metrics.observe,
    };
    await runCommand(findCommand('news')!, { query: 'ferry' }, context);
    await runCommand(findCommand('news')!, { query: 'ferry', limit: 99 }, context);
    await runCommand(findCommand('reload')!, {}, context);
    // as the Discord transport does: check, acknowledge, then run; counted once
    const quote = findCommand('quote')!;
    const checked = checkCommand(quote, { speaker: 'Alvarez' }, context);
    if (!checked.ok) throw new Error('the check refused /quote');
    await runChecked(quote, checked, context);
    const failing = {
      ...findCommand('help')!,
      run: () => {
        throw new Error('boom');
      },
    };
    await expect(runCommand(failing, {}, context)).rejects.toThrow('boom');
    await live.reload();
    const res = await web.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toContain('newsbot_replies_total{command="news",outcome="answered"} 1');
    expect(text).toContain('newsbot_replies_total{command="news",outcome="refused"} 1');
    expect(text).toContain('newsbot_replies_total{command="reload",outcome="refused"} 1');
    expect(text).toContain('newsbot_replies_total{command="quote",outcome="answered"} 1');
    expect(text).not.toContain('command="quote",outcome="refused"');
    expect(text).toContain('newsbot_replies_total{command="help",outcome="failed"} 1');
    // both /news replies timed, whatever they took (a bucket under +Inf would depend on the machine's load)
    expect(text).toMatch(/newsbot_reply_duration_seconds_bucket\{le="\+Inf",command="news"\} 2/);
    expect(text).toMatch(/newsbot_reply_duration_seconds_count\{command="news"\} 2/);
    expect(text).toContain('newsbot_articles 2');
    expect(text).toContain('newsbot_article_problems{severity="skipped"} 0');
    expect(text).toContain('newsbot_reloads_total{result="ok"} 1');
    const reloadedAt = Number(/^newsbot_last_reload_timestamp_seconds (\S+)/m.exec(text)?.[1]);
    expect(Math.abs(reloadedAt - live.current.loadedAt.getTime() / 1000)).toBeLessThan(0.01);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });
});
