import type { Config } from '../config.js';

export async function startDiscord(_config: Config): Promise<number> {
  process.stderr.write(
    'newsbot: the Discord transport is not built yet; unset DISCORD_TOKEN to use the console.\n',
  );
  return 1;
}
