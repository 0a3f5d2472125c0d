import type { NavigateTarget } from '../electron/common/ipc-contract';

interface AppHeaderProps {
  current: NavigateTarget['view'];
  onNavigate: (target: NavigateTarget) => void;
}

const LINKS: readonly { view: 'list' | 'add' | 'settings'; label: string }[] = [
  { view: 'list', label: 'Tokens' },
  { view: 'add', label: 'Add token' },
  { view: 'settings', label: 'Settings' },
];

export function AppHeader({ current, onNavigate }: AppHeaderProps) {
  return (
    <header className="app-header">
      <h1>Notion Token Vault</h1>
      <nav aria-label="Vault">
        <ul>
          {LINKS.map((link) => (
            <li key={link.view}>
              <button
                type="button"
                className={link.view === 'add' ? 'button-primary' : 'button-quiet'}
                aria-current={current === link.view ? 'page' : undefined}
                onClick={() => { onNavigate({ view: link.view }); }}
              >
                {link.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
