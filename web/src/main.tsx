import '@uswds/uswds/css/uswds.min.css';
import '@trussworks/react-uswds/lib/index.css';
import './styles/app.css';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isApiError } from './api/client';
import { applyTextSize, readTextSize } from './components/text-size';
import { setUpI18n } from './i18n/i18n';
import { createRouter } from './routes';

const sessionKey = ['session'];

const queryClient: QueryClient = new QueryClient({
  // Reading the session does not extend it, but every change does: after each one the session's
  // times are read again, so the timeout warning counts from the latest activity.
  mutationCache: new MutationCache({
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
  }),
  // "Please sign in" from any page means the session ended: reading it again lets the route
  // guards send the person to the sign-in page.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isApiError(error, 401) && query.queryKey[0] !== sessionKey[0])
        void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; only network trouble and 5xx are retried.
      retry: (failureCount, error) => failureCount < 2 && !(isApiError(error) && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

async function start(): Promise<void> {
  applyTextSize(readTextSize());
  await setUpI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={createRouter()} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
