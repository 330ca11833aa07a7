import type { Asks } from './asks.js';
import type { Ui } from './layout.js';
import type { Menu } from './menu.js';
import type { MessageList } from './messages.js';
import type { Session } from './session.js';
import type { Settings } from './settings.js';
import type { Strings } from './strings.js';

/**
 * What the parts of the widget share. `ChatWidget` (widget.ts) assembles it once; `strings` and `ui`
 * are replaced when the strings change (the panel is built again).
 */
export interface Chat {
  readonly shadow: ShadowRoot;
  session: Session;
  list: MessageList;
  asks: Asks;
  settings: Settings;
  menu: Menu;
  strings: Strings;
  ui: Ui;
  /** The server speaks `lang` (from `ready`): the widget's words follow (`strings`: its catalogue, none for Vietnamese). */
  useLanguage(lang: string, strings: Record<string, unknown> | undefined): void;
}
