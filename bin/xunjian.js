#!/usr/bin/env node
// The `xunjian` command. Sources are TypeScript run through tsx, so there is no build step
// to forget on a fresh clone.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
