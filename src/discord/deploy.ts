import { REST } from 'discord.js';
import { ALL_COMMANDS } from '../commands/index.js';
import type { Config } from '../config.js';
import { scrubSecrets } from '../logger.js';
import { putCommands, resolveApplicationId } from './register.js';

/** `newsbot deploy [--clear]`: registers the slash commands now (or removes them), whatever Discord has. */
export async function deployCommands(config: Config, options: { clear: boolean }): Promise<number> {
  const token = config.discordToken;
  if (!token) {
    process.stderr.write(
      'newsbot deploy: set DISCORD_TOKEN (in the environment or .env) to register commands.\n',
    );
    return 1;
  }
  const rest = new REST({ api: config.discordApiUrl }).setToken(token);
  try {
    const applicationId = await resolveApplicationId(rest, config.discordApplicationId);
    const scope = { applicationId, guildId: config.discordGuildId };
    const definitions = options.clear ? [] : ALL_COMMANDS.map((c) => c.definition);
    await putCommands(rest, scope, definitions);
    const where = config.discordGuildId
      ? `guild ${config.discordGuildId}`
      : 'globally (may take up to an hour to show)';
    process.stdout.write(
      options.clear
        ? `Removed every newsbot command ${where}.\n`
        : `Registered ${definitions.length} commands ${where}: ${definitions.map((d) => (d.type === 3 ? `“${d.name}”` : `/${d.name}`)).join(' ')}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `newsbot deploy: ${scrubSecrets(error instanceof Error ? error.message : String(error), [token])}\n`,
    );
    return 1;
  }
}
