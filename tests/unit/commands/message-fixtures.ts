// What the message-command tests (find-news, who-said) share: a library of invented articles, the
// context a command runs in, and the message it runs on.
import { ALL_COMMANDS } from '../../../src/commands/index.js';
import type { CommandContext, TargetMessage } from '../../../src/commands/types.js';
import { Library } from '../../../src/library/library.js';
import { articleOf, BRIDGE, TOLLS } from '../../fixtures/articles.js';

const HARVEST = ` date 2025-09-10 Valley Growers Expect Record Harvest

Growers in the valley expect their largest apple harvest in twenty years.

"We have never seen trees this full," said Marta Keller, who chairs the growers' association.
`;

const library = new Library([
  articleOf('bridge.txt', BRIDGE),
  articleOf('tolls.txt', TOLLS),
  articleOf('harvest.txt', HARVEST),
]);
export const context: CommandContext = {
  library,
  who: { userId: '123456789012345678', username: 'u', isAdmin: false },
  articleBaseUrl: null,
  now: new Date('2026-06-01T12:00:00Z'),
  commands: ALL_COMMANDS,
};
export const message = (content: string): TargetMessage => ({
  id: '1300000000000000000',
  content,
  createdAt: new Date('2025-05-01T10:00:00Z'),
});
