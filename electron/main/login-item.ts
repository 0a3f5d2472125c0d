import { app } from 'electron';
import { planLoginItem, setLinuxAutostart } from '../core/app/autostart';

/**
 * Launch at login, the way each OS does it (autostart.ts decides). Electron's setLoginItemSettings
 * is a silent no-op on Linux (shell/browser/browser_linux.cc), so there the XDG autostart entry is written.
 */
export async function applyLoginItem(openAtLogin: boolean, log: (line: string) => void): Promise<void> {
  const plan = planLoginItem(openAtLogin, process.platform, app.isPackaged, process.env, process.execPath);
  switch (plan.kind) {
    case 'xdg':
      await setLinuxAutostart(plan.enabled, plan.target);
      return;
    case 'login-item':
      // https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows
      app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, args: plan.args });
      return;
    case 'dev-only':
      if (openAtLogin) log('launch at login: applies to the installed app; a development run registers nothing');
  }
}

/** Whether this launch came from the login item: start in the tray, no window. */
export function openedAtLogin(): boolean {
  // wasOpenedAtLogin is macOS's own signal; elsewhere the login entry passes --hidden (autostart.ts).
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
