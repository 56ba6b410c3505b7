// Run and edit the examples in the page, in Pyodide (CPython compiled to
// WebAssembly), served by this site under pyodide/. Nothing is fetched until a
// reader presses Run; after that, one Python serves every example of the page.
//
// Only examples whose browser output matched the page when the site was built
// have a Run button (the "browser" column of the version matrix, made by
// sitetools/versions.py). The program runs through the same driver.py as that
// check: with asyncio.run() where the browser can switch WebAssembly stacks
// (JSPI), and with a top-level await instead where it cannot.
(function () {
  "use strict";
  const script = document.currentScript;
  const base = new URL("../pyodide/", script ? script.src : location.href);
  let python = null; // a promise of { pyodide, run, version }, made on the first Run
  let busy = false;

  function loadPython() {
    if (python === null) {
      python = (async () => {
        const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
        const pyodide = await loadPyodide({ indexURL: base.href });
        // task_recorder.py records the run's tasks; timeline_drawing.py draws them, as under each example.
        // exercises.py checks an attempt at an exercise, as the tests check its solution.
        const files = ["driver.py", "bootstrap.py", "task_recorder.py", "timeline_drawing.py", "exercises.py"];
        const texts = await Promise.all(files.map(async (name) => {
          const response = await fetch(new URL(name, base));
          if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
          return response.text();
        }));
        pyodide.FS.mkdirTree("/sitetools");
        files.forEach((name, index) => pyodide.FS.writeFile(`/sitetools/${name}`, texts[index]));
        pyodide.setStdin({ error: true });
        pyodide.runPython("import sys; sys.path.insert(0, '/sitetools'); import driver");
        const draw = pyodide.runPython([
          "import json, timeline_drawing",
          "def draw(text, ident, name, source):",
          "    record = json.loads(text)",
          "    if not timeline_drawing.worth_drawing(record):",
          "        return ''",
          "    title = f'The tasks of {name} over time, in your run, in your browser'",
          "    return timeline_drawing.figure(record, ident=ident, name=name, sources={name: source}, title=title)",
          "draw",
        ].join("\n"));
        return {
          pyodide,
          draw,
          check: pyodide.runPython("import exercises; exercises.check_json"),
          run: pyodide.runPython("driver.run"),
          version: `Pyodide ${pyodide.version}, Python ${pyodide.runPython("import sys; sys.version.split()[0]")}`,
        };
      })();
      python.catch(() => { python = null; }); // a failed load can be retried
    }
    return python;
  }

  function seconds(since) {
    return `${((performance.now() - since) / 1000).toFixed(2)} s`;
  }

  // Nothing is done at load but one listener: an example's panel and state
  // are made the first time one of its buttons is pressed.
  const examples = new WeakMap();

  function stateOf(bar) {
    if (examples.has(bar)) return examples.get(bar);
    const example = bar.closest(".example, .exercise");
    const code = example.querySelector(".language-python pre > code");
    const name = (example.dataset.snippet || "example.py").split("/").pop();
    const panel = document.createElement("div");
    panel.className = "run-output";
    panel.hidden = true;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", `Output of ${name} in your browser`);
    // The status line ticks ten times a second; screen readers hear only the
    // start and the end, from a live region of their own.
    const status = document.createElement("p");
    status.className = "run-status";
    const announce = document.createElement("p");
    announce.className = "run-announce";
    announce.setAttribute("aria-live", "polite");
    const pre = document.createElement("pre");
    const out = document.createElement("code");
    pre.appendChild(out);
    panel.append(status, announce, pre);
    // Under the source, where the recorded output begins: the two can be compared.
    (code.closest(".highlight") || bar).after(panel);
    const buttons = {};
    for (const button of bar.querySelectorAll("button[data-action]")) buttons[button.dataset.action] = button;
    // The files that live with the program (sitetools/programs.py), shown under it.
    const files = Array.from(example.querySelectorAll("[data-file]"), (block) => ({
      path: block.dataset.file,
      text: block.querySelector("pre > code").textContent,
    }));
    // The reader's own run, drawn as the recorded one is, and a button that puts the two side by side.
    const yours = document.createElement("div");
    yours.className = "run-timeline";
    yours.hidden = true;
    const recorded = example.querySelector(".timeline-figure");
    const compare = document.createElement("button");
    compare.type = "button";
    compare.className = "md-button run-compare";
    compare.textContent = "Beside the recorded run";
    compare.setAttribute("aria-pressed", "false");
    compare.hidden = recorded === null;
    yours.append(compare);
    panel.append(yours);
    const state = {
      example, code, name, files, panel, status, announce, out, buttons, yours, recorded, compare,
      original: code.innerHTML,
    };
    compare.addEventListener("click", () => side(state));
    examples.set(bar, state);
    return state;
  }

  function edit({ code, buttons }) {
    const editing = code.getAttribute("contenteditable") === "plaintext-only";
    if (editing) {
      code.removeAttribute("contenteditable");
    } else {
      code.setAttribute("contenteditable", "plaintext-only");
      code.spellcheck = false;
      code.focus();
    }
    buttons.edit.setAttribute("aria-pressed", String(!editing));
    buttons.reset.hidden = false;
  }

  function reset({ code, buttons, panel, out, original }) {
    code.removeAttribute("contenteditable");
    code.innerHTML = original;
    buttons.edit.setAttribute("aria-pressed", "false");
    buttons.reset.hidden = true;
    panel.hidden = true;
    out.textContent = "";
  }

  // Side by side: the reader's figure moves next to the recorded one (ids stay unique), and back.
  function side(state) {
    const { yours, recorded, compare } = state;
    const figure = state.drawn;
    if (!figure || !recorded) return;
    const pair = recorded.closest(".timeline-pair");
    if (pair) {
      pair.before(recorded);
      yours.append(figure);
      pair.remove();
    } else {
      const wrapper = document.createElement("div");
      wrapper.className = "timeline-pair";
      recorded.dataset.label = "The recorded run";
      figure.dataset.label = "Your run, in your browser";
      recorded.before(wrapper);
      wrapper.append(recorded, figure);
      wrapper.scrollIntoView({ block: "nearest" });
    }
    compare.setAttribute("aria-pressed", String(!pair));
  }

  let runs = 0; // each run gets a directory of its own: nothing is left from the one before

  async function run(state) {
    const { example, code, name, files, panel, status, announce, out, yours } = state;
    if (busy) return null;
    let ran = null;
    busy = true;
    document.querySelectorAll(".run-button").forEach((button) => { button.disabled = true; });
    const pressed = performance.now();
    panel.hidden = false;
    panel.classList.remove("run-failed");
    out.textContent = "";
    if (state.compare.getAttribute("aria-pressed") === "true") side(state); // back apart before it is redrawn
    state.drawn?.remove();
    state.drawn = null;
    yours.hidden = true;
    delete panel.dataset.firstOutputMs;
    delete panel.dataset.timelineMs;
    let loaded = python !== null;
    status.textContent = loaded ? "Running…" : "Loading Python in your browser (6.4 MB, once per page)…";
    announce.textContent = status.textContent;
    panel.setAttribute("aria-busy", "true");
    const ticker = setInterval(() => {
      status.textContent = `${loaded ? "Running" : "Loading Python in your browser"}… ${seconds(pressed)}`;
    }, 100);
    const decoder = new TextDecoder();
    const write = (bytes) => {
      if (panel.dataset.firstOutputMs === undefined) {
        panel.dataset.firstOutputMs = String(Math.round(performance.now() - pressed));
      }
      out.textContent += decoder.decode(bytes, { stream: true });
      return bytes.length;
    };
    try {
      const { pyodide, run: runFile, draw, version } = await loadPython();
      loaded = true;
      pyodide.setStdout({ write });
      pyodide.setStderr({ write });
      const workdir = `/runs/${++runs}`;
      for (const file of [{ path: name, text: code.textContent }, ...files]) {
        const target = `${workdir}/${file.path}`;
        pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
        pyodide.FS.writeFile(target, file.text);
      }
      const started = performance.now();
      const result = await runFile(name, workdir, "/sitetools/bootstrap.py", "auto", true);
      const [exitStatus, mode, record] = result.toJs();
      result.destroy();
      let drawing = "";
      try {
        drawing = draw(record, `${example.id || "example"}-your-timeline`, name, code.textContent);
      } catch (error) {
        drawing = ""; // no record (the program ended the recorder too): the output alone is shown
      }
      if (drawing) {
        yours.insertAdjacentHTML("beforeend", drawing);
        state.drawn = yours.lastElementChild;
        yours.hidden = false;
        panel.dataset.timelineMs = String(Math.round(performance.now() - pressed));
      }
      const how = mode === "asyncio.run"
        ? "asyncio.run(), as in CPython (this browser can switch WebAssembly stacks)"
        : "a top-level await in place of asyncio.run() (this browser cannot switch WebAssembly stacks)";
      ran = { exitStatus, record, output: out.textContent };
      panel.classList.toggle("run-failed", exitStatus !== 0);
      status.textContent = `${exitStatus === 0 ? "Finished" : `Ended with exit status ${exitStatus}`} ` +
        `in ${seconds(started)} · ${version} · ran with ${how}`;
    } catch (error) {
      panel.classList.add("run-failed");
      status.textContent = `Could not run it in this browser: ${error.message}`;
    } finally {
      clearInterval(ticker);
      announce.textContent = status.textContent;
      panel.removeAttribute("aria-busy");
      busy = false;
      document.querySelectorAll(".run-button").forEach((button) => { button.disabled = false; });
    }
    return ran;
  }

  // An exercise: run the reader's attempt, then check it as the tests check the solution
  // (sitetools/exercises.py): each statement gets a mark, the first that fails its hint.
  async function check(state) {
    const { example, status, announce } = state;
    const items = Array.from(example.querySelectorAll(".exercise-checks > li"));
    items.forEach((item) => { item.classList.remove("check-passed", "check-failed"); item.querySelector(".check-why")?.remove(); });
    example.querySelector(".exercise-hint")?.remove();
    const ran = await run(state);
    if (ran === null) return;
    const { check: checkAttempt } = await loadPython();
    const results = JSON.parse(checkAttempt(
      example.dataset.checks, ran.output, ran.exitStatus, ran.record || "", example.dataset.expected || "",
    ));
    results.forEach((result, index) => {
      const item = items[index];
      item.classList.add(result.passed ? "check-passed" : "check-failed");
      if (!result.passed && result.why) {
        const why = document.createElement("span");
        why.className = "check-why";
        why.textContent = ` (${result.why})`;
        item.append(why);
      }
    });
    const failed = results.filter((result) => !result.passed);
    if (failed.length) {
      const hint = document.createElement("p");
      hint.className = "exercise-hint";
      hint.textContent = `Hint: ${failed[0].hint}`;
      example.querySelector(".exercise-checks").after(hint);
    }
    const verdict = failed.length
      ? `${results.length - failed.length} of ${results.length} checks pass.`
      : `All ${results.length} checks pass: solved.`;
    status.textContent = `${verdict} ${status.textContent}`;
    announce.textContent = verdict + (failed.length ? ` Hint: ${failed[0].hint}` : "");
  }

  const actions = { run, edit, reset, check };
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest(".run-bar[data-run] button[data-action]") : null;
    if (button && actions[button.dataset.action]) actions[button.dataset.action](stateOf(button.closest(".run-bar")));
  });
})();
