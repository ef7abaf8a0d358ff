#!/usr/bin/env node
// The server is TypeScript run by tsx (a runtime dependency), so the bin needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
