import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './app/i18n.ts';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');

// Render once the chosen language is loaded, so nobody sees a flash of the wrong language.
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
