#!/usr/bin/env node
// The `guazheng` command: runs cli/main.ts through tsx, so no build step is needed.
require('tsx/cjs');
require('../cli/main.ts');
