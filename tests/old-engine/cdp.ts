/**
 * Just enough of the Chrome DevTools Protocol to drive Chromium 64 as a
 * person would: playwright and puppeteer speak newer protocol versions than
 * such an old engine has. One browser process; each page is a target in a
 * browser context of its own (its own cookies and storage, as two devices),
 * driven over that target's own socket (Chromium 64 has no flat sessions).
 * Input goes through Input.dispatchMouseEvent / dispatchKeyEvent, so the page sees
 * real clicks and typing, not synthetic element.click() calls.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { CHROMIUM_FLAGS } from "../support/chromium-flags";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One CDP connection (the browser's or a page's). */
class Connection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, ((params: never) => void)[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: unknown;
      };
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) {
          listener(message.params as never);
        }
      }
    });
    socket.on("close", () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error("CDP socket closed"));
      this.pending.clear();
    });
  }

  static open(url: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, {
        perMessageDeflate: false,
        maxPayload: 256 * 1024 * 1024,
      });
      socket.once("open", () => resolve(new Connection(socket)));
      socket.once("error", reject);
    });
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on<P>(method: string, listener: (params: P) => void): void {
    const list = this.listeners.get(method) ?? [];
    list.push(listener as (params: never) => void);
    this.listeners.set(method, list);
  }

  close(): void {
    this.socket.close();
  }
}

export interface OldBrowser {
  /** The engine's own user agent, e.g. "…HeadlessChrome/64.0.3264.0…". */
  userAgent: string;
  newPage(
    viewport: { width: number; height: number },
    options?: { initScript?: string },
  ): Promise<OldPage>;
  close(): Promise<void>;
}

export interface OldPage {
  /** Uncaught exceptions and console errors (a CSP violation among them). */
  errors: string[];
  goto(url: string): Promise<void>;
  /** Evaluates an expression (written for the old engine: no newer syntax than it parses). */
  evaluate<T>(expression: string): Promise<T>;
  waitFor(expression: string, what: string, timeoutMs?: number): Promise<void>;
  waitForText(selector: string, text: string, timeoutMs?: number): Promise<void>;
  textOf(selector: string): Promise<string | null>;
  /** A real mouse click at the middle of the element. */
  click(selector: string): Promise<void>;
  /** Focuses the element and types as a keyboard would. */
  type(selector: string, text: string): Promise<void>;
  screenshot(path: string): Promise<void>;
}

/** Starts the binary headless with its DevTools on `port` and a fresh profile. */
export async function launchOldChromium(binary: string, port: number): Promise<OldBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "turno-old-chromium-"));
  const child: ChildProcess = spawn(
    binary,
    [
      ...CHROMIUM_FLAGS,
      "--disable-dev-shm-usage",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      "--remote-debugging-address=127.0.0.1",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const devtools = `http://127.0.0.1:${port}`;
  const version = await waitForDevtools(devtools, child, () => stderr);
  const browser = await Connection.open(version.webSocketDebuggerUrl);
  const pages: Connection[] = [];

  return {
    userAgent: version["User-Agent"],
    async newPage(viewport, options = {}) {
      const { browserContextId } = await browser.send<{ browserContextId: string }>(
        "Target.createBrowserContext",
      );
      const { targetId } = await browser.send<{ targetId: string }>("Target.createTarget", {
        url: "about:blank",
        browserContextId,
      });
      const targets = (await (await fetch(`${devtools}/json/list`)).json()) as {
        id: string;
        webSocketDebuggerUrl: string;
      }[];
      const target = targets.find((t) => t.id === targetId);
      if (!target) throw new Error(`Chromium 64 did not list its new page ${targetId}`);
      const page = await Connection.open(target.webSocketDebuggerUrl);
      pages.push(page);
      return preparePage(page, viewport, options.initScript);
    },
    async close() {
      for (const page of pages) page.close();
      browser.close();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function waitForDevtools(
  devtools: string,
  child: ChildProcess,
  log: () => string,
): Promise<{ webSocketDebuggerUrl: string; "User-Agent": string }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Chromium 64 exited (${child.exitCode}): ${log()}`);
    try {
      return (await (await fetch(`${devtools}/json/version`)).json()) as {
        webSocketDebuggerUrl: string;
        "User-Agent": string;
      };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`Chromium 64's DevTools did not answer on ${devtools}: ${log()}`);
}

async function preparePage(
  page: Connection,
  viewport: { width: number; height: number },
  initScript: string | undefined,
): Promise<OldPage> {
  const errors: string[] = [];
  page.on<{ exceptionDetails: { text: string; exception?: { description?: string } } }>(
    "Runtime.exceptionThrown",
    ({ exceptionDetails }) =>
      errors.push(exceptionDetails.exception?.description ?? exceptionDetails.text),
  );
  page.on<{ entry: { level: string; text: string; url?: string } }>(
    "Log.entryAdded",
    ({ entry }) => {
      // A refused socket or a 4xx the app handles is logged as a network error; those are not faults.
      if (
        entry.level === "error" &&
        !/Failed to load resource|WebSocket connection/.test(entry.text)
      ) {
        errors.push(entry.text);
      }
    },
  );
  await page.send("Runtime.enable");
  await page.send("Log.enable");
  await page.send("Page.enable");
  await page.send("Emulation.setDeviceMetricsOverride", {
    width: viewport.width,
    height: viewport.height,
    deviceScaleFactor: 1,
    mobile: false,
  });
  if (initScript) await page.send("Page.addScriptToEvaluateOnNewDocument", { source: initScript });

  const evaluate = async <T>(expression: string): Promise<T> => {
    const answer = await page.send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (answer.exceptionDetails) {
      throw new Error(
        `${expression}: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
      );
    }
    return answer.result.value as T;
  };
  const waitFor = async (expression: string, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await evaluate<boolean>(`!!(${expression})`).catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `Chromium 64: ${what} within ${timeoutMs} ms (page errors: ${errors.join(" | ") || "none"})`,
    );
  };
  const query = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;
  const textOf = (selector: string) =>
    evaluate<string | null>(
      `(function (e) { return e ? e.textContent : null; })(${query(selector)})`,
    );

  return {
    errors,
    async goto(url) {
      const loaded = new Promise<void>((resolve) =>
        page.on("Page.loadEventFired", () => resolve()),
      );
      await page.send("Page.navigate", { url });
      await loaded;
    },
    evaluate,
    waitFor,
    async waitForText(selector, text, timeoutMs) {
      try {
        await waitFor(
          `(${query(selector)} || {}).textContent && ${query(selector)}.textContent.indexOf(${JSON.stringify(text)}) >= 0`,
          `${selector} should contain "${text}"`,
          timeoutMs,
        );
      } catch (error) {
        throw new Error(
          `${(error as Error).message}; it shows ${JSON.stringify(await textOf(selector))}`,
        );
      }
    },
    textOf,
    async click(selector) {
      await waitFor(query(selector), `${selector} should exist`);
      const box = await evaluate<{ x: number; y: number }>(
        `(function (e) { e.scrollIntoView({ block: "center" }); var r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })(${query(selector)})`,
      );
      for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
        await page.send("Input.dispatchMouseEvent", {
          type,
          x: box.x,
          y: box.y,
          button: type === "mouseMoved" ? "none" : "left",
          clickCount: 1,
        });
      }
    },
    async type(selector, text) {
      await waitFor(query(selector), `${selector} should exist`);
      await evaluate(`${query(selector)}.focus()`);
      // One "char" key event per character: Chromium 64 has no Input.insertText.
      for (const character of text) {
        await page.send("Input.dispatchKeyEvent", { type: "char", text: character });
      }
    },
    async screenshot(path) {
      // Let transitions and fonts settle, as the modern tests do.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const { data } = await page.send<{ data: string }>("Page.captureScreenshot", {
        format: "png",
      });
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, Buffer.from(data, "base64"));
    },
  };
}
