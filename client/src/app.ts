import type { PropsWithChildren } from 'react';
import { setUnauthenticatedHandler } from './api';
import { PAGES, relaunch } from './lib/nav';
import './app.css';

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
