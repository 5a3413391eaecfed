import type { Config } from '../config.js';

export async function deployCommands(_config: Config, _options: { clear: boolean }): Promise<number> {
  process.stderr.write('newsbot: command registration is not built yet.\n');
  return 1;
}
