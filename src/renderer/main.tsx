// Renderer entry. In Electron the preload has already installed window.sportello; anywhere else
// (browser mode, e2e tests) the browser client over the loopback bridge takes its place.
import { createRoot } from 'react-dom/client';
import { createBrowserBridge } from '../common/ipc/browser-client';
import { App } from './app';
import './styles/base.css';
import './styles/screens.css';
import './styles/cart.css';

if (!window.sportello) {
  window.sportello = createBrowserBridge(window);
}

const el = document.getElementById('root');
if (el) createRoot(el).render(<App />);
