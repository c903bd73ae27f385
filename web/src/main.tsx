import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './i18n';
import { AppProviders, createQueryClient } from './AppProviders';
import { AppRoutes } from './AppRoutes';
import { preloadDashboard } from './pages/analytics/preloadDashboard';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

const queryClient = createQueryClient();
preloadDashboard(queryClient, window.location);

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
