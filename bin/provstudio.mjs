#!/usr/bin/env node
// The installed command is bin/provstudio.cjs (package.json "bin"). This ES module entry starts
// the same launcher for callers that still name it; it costs Node's ES module loader on top.
import './provstudio.cjs';
