// The browser column's interpreter: `node run.mjs FILE` runs FILE (in the
// current directory) in Pyodide, the reader's in-browser Python, as
// `python FILE` would in CPython: its output on stdout, its exit status.
//
// It is started by sitetools/runner.py like any interpreter, so the browser
// column gets the same timeout, output limit, cache and result record.
// A fresh Pyodide starts for every run from a memory snapshot (0.25 s
// instead of 3 s); `node run.mjs --make-snapshot PATH` writes one.
//
// Environment: SITETOOLS_PYODIDE_DIR (the pyodide npm package),
// SITETOOLS_PYODIDE_SNAPSHOT (the snapshot's path), SITETOOLS_INPROC (the
// directory of bootstrap.py, copied to the same path inside Pyodide).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = process.env.SITETOOLS_PYODIDE_DIR;
const { loadPyodide } = await import(pathToFileURL(path.join(packageDir, "pyodide.mjs")).href);
const write = (bytes) => { fs.writeSync(1, bytes); return bytes.length; };

async function makeSnapshot(target) {
  const pyodide = await loadPyodide({ _makeSnapshot: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(temporary, pyodide.makeMemorySnapshot());
  fs.renameSync(temporary, target); // parallel runs never read half a snapshot
}

async function start() {
  const snapshot = process.env.SITETOOLS_PYODIDE_SNAPSHOT;
  const options = snapshot && fs.existsSync(snapshot) ? { _loadSnapshot: fs.readFileSync(snapshot) } : {};
  const pyodide = await loadPyodide(options);
  pyodide.setStdout({ write });
  pyodide.setStderr({ write });
  pyodide.setStdin({ error: true });
  return pyodide;
}

function copyInto(pyodide, directory, names) {
  for (const name of names) {
    pyodide.FS.mkdirTree(path.dirname(path.join(directory, name)));
    pyodide.FS.writeFile(path.join(directory, name), fs.readFileSync(path.join(directory, name)));
  }
}

const [argument, target] = process.argv.slice(2);
if (argument === "--make-snapshot") {
  await makeSnapshot(target);
  process.exit(0);
}
const pyodide = await start();
if (argument === "--version") {
  const version = pyodide.runPython("import sys; '.'.join(map(str, sys.version_info[:3]))");
  console.log(`${version}\n${pyodide.version}`);
  process.exit(0);
}
const workdir = process.cwd();
const inproc = process.env.SITETOOLS_INPROC;
// The program and the files that live with it (sitetools/programs.py), as the runner laid them out.
copyInto(pyodide, workdir, fs.readdirSync(workdir, { recursive: true }).filter(
  (name) => fs.statSync(path.join(workdir, name)).isFile()));
copyInto(pyodide, inproc, fs.readdirSync(inproc).filter((name) => name.endsWith(".py")));
copyInto(pyodide, here, ["driver.py"]);
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(here)}); import driver`);
const run = pyodide.runPython("driver.run");
const [status] = (await run(argument, workdir, path.join(inproc, "bootstrap.py"))).toJs();
process.exit(status);
