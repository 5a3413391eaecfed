import { afterEach } from 'vitest';
import { removeTestFolders } from './helpers.js';

// Every project runs this before each test file, also where test files share their modules
// (vitest.config.ts): hooks that must hold for every file are registered here, not in a module a
// test imports, which is evaluated only once per worker there.
afterEach(removeTestFolders);
