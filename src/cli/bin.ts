#!/usr/bin/env node
/** The `permgraph` executable: runs the CLI and sets the exit code; nothing else. */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
