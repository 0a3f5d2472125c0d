import { Menu } from 'electron';

/**
 * No application menu on Windows and Linux: Electron's default one (Reload, Toggle Developer Tools,
 * links to electronjs.org) would be every window's menu bar; null removes the bar there
 * (https://www.electronjs.org/docs/latest/api/menu#menusetapplicationmenumenu). macOS always shows
 * a menu: the app's (About, Hide, Quit) and Edit, whose roles are what make ⌘C and ⌘V work in the window.
 */
export function setAppMenu(platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]));
}
