// The window's entry point.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './components/grid-setup';
import './styles/app.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
