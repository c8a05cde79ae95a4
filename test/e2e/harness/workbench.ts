/**
 * The few workbench interactions the UI journeys need. The selectors are VS Code 1.100 internals (see
 * versions.ts): they all live here, so a version bump is one file to check.
 */
import { Browser, Locator, Page } from 'playwright-core';

const WORKBENCH_READY_MS = 60_000;

export const selectors = {
  activityBar: '.monaco-workbench .part.activitybar',
  viewContainer: (title: string) => `.part.activitybar .action-item a[aria-label^="${title}"]`,
  paneHeaderTitle: '.part.sidebar .pane-header h3.title',
  pane: (title: string) => `.part.sidebar .pane:has(.pane-header h3.title:text-matches("^${title}$", "i"))`,
  rowLabel: '.monaco-list-row .label-name',
  rowDescription: '.monaco-list-row .label-description',
  /** The theme icon of a custom tree row: `codicon codicon-<id>` classes on this element. */
  rowIcon: '.custom-view-tree-node-item-icon',
  /** An item of an open context menu (VS Code draws menus itself in the browser, in a shadow root). */
  contextMenu: '.context-view .monaco-menu',
  menuItemLabel: '.context-view .monaco-menu .action-item .action-label',
  menuItem: (title: string) => `.context-view .monaco-menu .action-item:has(.action-label:text-is("${title}"))`,
  statusBarItem: '.part.statusbar .statusbar-item',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  notificationToast: '.notifications-toasts .notification-toast',
  panel: '.part.panel',
  editorTab: (name: string) => `.tabs-container .tab[aria-label^="${name}"]`,
  errorSquiggle: '.monaco-editor .squiggly-error',
  hover: '.monaco-hover:not(.hidden)',
  /** How the workbench reports a command that threw: a modal dialog (from the palette) or an error toast. */
  commandError: '.monaco-dialog-box, .notifications-toasts .notification-toast:has(.codicon-error)',
};

export class Workbench {
  private constructor(readonly page: Page) {}

  /** Opens the workbench on a folder and waits until the activity bar is there. */
  static async open(browser: Browser, serverUrl: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${serverUrl}?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector(selectors.activityBar, { timeout: WORKBENCH_READY_MS });
    return new Workbench(page);
  }

  /** Clicks a view container in the activity bar once the extension contributing it is registered. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(selectors.viewContainer(title));
    await item.waitFor({ timeout: WORKBENCH_READY_MS });
    await item.click();
    await this.page.locator(selectors.paneHeaderTitle).first().waitFor();
  }

  /** Drags the side bar's edge to make it wider (for legible screenshots; not an assertion). */
  async widenSideBar(pixels: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) {
      return;
    }
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width + pixels, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Waits (at most `withinMs`, without failing: it is for screenshots) until no view in the side bar and no
   * activity bar item shows progress.
   */
  async settleSideBar(withinMs = 5_000): Promise<void> {
    await this.page
      .locator('.part.sidebar .monaco-progress-container.active, .part.activitybar .badge .progress-badge')
      .first()
      .waitFor({ state: 'detached', timeout: withinMs })
      .catch(() => undefined);
  }

  /** Moves the mouse to an empty spot so no tooltip covers a screenshot. */
  async parkMouse(): Promise<void> {
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 800 };
    await this.page.mouse.move(viewport.width - 5, viewport.height / 2);
    await this.page
      .locator('.monaco-sash.hover, .monaco-sash.active')
      .first()
      .waitFor({ state: 'detached', timeout: 3_000 })
      .catch(() => undefined);
  }

  async paneTitles(): Promise<string[]> {
    return (await this.page.locator(selectors.paneHeaderTitle).allInnerTexts()).map((text) => text.trim());
  }

  /** The first row of a view pane, once its label matches `label`. */
  async waitForRow(paneTitle: string, label: RegExp, timeout = 30_000): Promise<Locator> {
    const row = this.page.locator(selectors.pane(paneTitle)).locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) });
    await row.first().waitFor({ timeout });
    return row.first();
  }

  /** The row of a view pane whose label is exactly `label`, once it is there. */
  async waitForNamedRow(paneTitle: string, label: string, timeout = 30_000): Promise<Locator> {
    return this.waitForRow(paneTitle, new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), timeout);
  }

  /** The codicon a tree row shows (`vm-running` for `codicon codicon-vm-running`), or undefined. */
  async rowIcon(row: Locator): Promise<string | undefined> {
    const classes = (await row.locator(selectors.rowIcon).getAttribute('class')) ?? '';
    return /(?:^|\s)codicon-([\w-]+)/.exec(classes)?.[1];
  }

  /** Waits until a row shows the codicon `icon` (the view follows the engine events); fails naming the icon it kept. */
  async waitForRowIcon(row: Locator, icon: string, timeout = 15_000): Promise<void> {
    try {
      await row.locator(`${selectors.rowIcon}.codicon-${icon}`).waitFor({ timeout });
    } catch {
      throw new Error(`the row's icon stayed "${await this.rowIcon(row).catch(() => undefined)}" instead of becoming "${icon}" within ${timeout} ms`);
    }
  }

  /** Right-clicks a row and waits for its context menu to list `item`; returns that menu item. */
  async openContextMenu(row: Locator, item: string): Promise<Locator> {
    await row.click({ button: 'right' });
    const entry = this.page.locator(selectors.menuItem(item)).first();
    await entry.waitFor({ timeout: 10_000 });
    return entry;
  }

  /**
   * Clicks an item of the open context menu and waits for the menu to close (running the action closes it).
   * Once in a few runs the first click on a menu that had just opened ran nothing and left the menu open; as
   * the action had not run, the click is then made again (at most three clicks in all).
   */
  async chooseMenuItem(entry: Locator): Promise<void> {
    const menu = this.page.locator(selectors.contextMenu).first();
    for (let attempt = 1; ; attempt++) {
      await entry.hover();
      await entry.click();
      try {
        await menu.waitFor({ state: 'hidden', timeout: 2_000 });
        return;
      } catch (error) {
        const item = (await entry.innerText()).trim();
        if (attempt === 3) {
          throw new Error(`the context menu stayed open after ${attempt} clicks on "${item}"`, { cause: error });
        }
        console.log(`[e2e] the context menu stayed open after a click on "${item}": clicking again`);
      }
    }
  }

  /** The labels of the open context menu's items, in order. */
  async contextMenuItems(): Promise<string[]> {
    const labels = await this.page.locator(selectors.menuItemLabel).allInnerTexts();
    return labels.map((label) => label.trim()).filter(Boolean);
  }

  /** The status bar item whose text matches `text`, once it is there. */
  async waitForStatusBarItem(text: RegExp, timeout = 30_000): Promise<Locator> {
    const item = this.page.locator(selectors.statusBarItem).filter({ hasText: text }).first();
    await item.waitFor({ timeout });
    return item;
  }

  /** Opens the command palette (F1) with `text` typed in; resolves once a row is listed. */
  async palette(text: string): Promise<Locator> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator(selectors.quickInput);
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    const rows = this.page.locator(selectors.quickInputRow);
    await rows.first().waitFor();
    return rows;
  }

  /** Runs a command by its palette title ("Category: Title"). */
  async runCommand(title: string): Promise<void> {
    const rows = await this.palette(`>${title}`);
    await rows.filter({ hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(selectors.quickInput).waitFor({ state: 'hidden' });
  }

  /** Opens a workspace file through quick open and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    const rows = await this.palette(name);
    await rows.filter({ hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(selectors.editorTab(name)).waitFor();
  }

  /**
   * Watches for `withinMs` for the workbench to report an error (a command that threw shows a dialog or
   * an error toast a few milliseconds after it ran); returns its text, or undefined when none came.
   */
  async errorReported(withinMs = 3_000): Promise<string | undefined> {
    const error = this.page.locator(selectors.commandError).first();
    try {
      await error.waitFor({ state: 'visible', timeout: withinMs });
    } catch {
      return undefined;
    }
    return (await error.innerText()).trim();
  }

  async screenshot(file: string): Promise<void> {
    // Finite animations (a hover fading in) are completed first, so nothing is caught half-drawn.
    await this.page.screenshot({ path: file, animations: 'disabled' });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
