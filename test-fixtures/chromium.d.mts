// Types for chromium.mjs, written against the shape of playwright-core's `chromium` so this
// folder needs no playwright-core of its own: each suite passes the one it depends on.

/** The options `launchChromium` passes to `launchPersistentContext`. */
export interface ChromiumLaunchOptions {
  executablePath: string;
  headless: boolean;
  args: string[];
}

/** What `launchChromium` needs of a browser context: its pages and a way to close it. */
export interface ChromiumContextLike<Page> {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** What `launchChromium` needs of a page: navigation. */
export interface ChromiumPageLike {
  goto(url: string): Promise<unknown>;
}

/** playwright-core's `chromium` (a `BrowserType`) fits this. */
export interface ChromiumLauncher<Context> {
  launchPersistentContext(userDataDir: string, options: ChromiumLaunchOptions): Promise<Context>;
}

/** The page type of a context type. */
export type PageOf<Context> = Context extends ChromiumContextLike<infer Page> ? Page : never;

export interface ChromiumSession<Context> {
  context: Context;
  /** The first page, already at `url`. */
  page: PageOf<Context>;
  /** The fresh user-data-dir (removed by `close`). */
  profile: string;
  /** Closes the browser and removes the profile. */
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  /** Prefix of the error message, e.g. `sigv4/axios`. */
  label: string;
  /** The page to open first. */
  url: string;
  /**
   * Prefix of the temporary profile folder.
   * @default 'sigv4-chromium-'
   */
  profilePrefix?: string;
}

/** The flags every suite launches Chromium with. */
export declare const CHROMIUM_ARGS: readonly string[];

/** The Chromium binary: `CHROMIUM_PATH`, else `/usr/bin/chromium`; throws when it is absent. */
export declare function chromiumPath(label: string): string;

/** Launches Chromium with a fresh profile and opens `url`; cleans up itself when it fails. */
export declare function launchChromium<Context extends ChromiumContextLike<ChromiumPageLike>>(
  launcher: ChromiumLauncher<Context>,
  options: LaunchChromiumOptions,
): Promise<ChromiumSession<Context>>;
