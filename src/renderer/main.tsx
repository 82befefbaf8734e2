/** Renderer entry: styles, the grid's colour mode following the system, the first screen's data asked for, then the React app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { followSystemColorScheme } from './features/app-shell/system-color-scheme';
import { prefetchOverview } from './features/overview/first-screen';
import './styles/theme.css';
import './styles/app-shell.css';
import './styles/controls.css';
import './styles/views.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

followSystemColorScheme();
prefetchOverview();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
