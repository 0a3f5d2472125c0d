import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { preloadEntries } from './lib/use-entries';
import { syncClock } from './lib/use-now';
import './styles/theme.css';
import './styles/base.css';
import './styles/views.css';
import './styles/timeline.css';

preloadEntries();
void syncClock();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Main cannot see the network come back; the window can. Checks that failed offline run again.
window.addEventListener('online', () => { void window.vault.appOnline().catch(() => undefined); });
