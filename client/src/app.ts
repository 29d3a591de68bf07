import type { PropsWithChildren } from 'react';
// Not './api' (every area's calls, with their schemas): the first screen loads without zod.
import { setUnauthenticatedHandler } from './api/http';
import { startEarlyNearby } from './early/nearby';
import { PAGES, relaunch } from './lib/nav';
import './app.css';

// h5, opened on the stations page: its first search starts now, not once the page has been drawn.
if (process.env.TARO_ENV === 'h5') startEarlyNearby();

let redirecting = false;
setUnauthenticatedHandler(() => {
  if (redirecting) return;
  redirecting = true;
  relaunch(PAGES.login);
  setTimeout(() => {
    redirecting = false;
  }, 1000);
});

function App({ children }: PropsWithChildren) {
  // `children` is the page being shown.
  return children;
}

export default App;
