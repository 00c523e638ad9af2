import '@fontsource-variable/inter';
import './styles.css';
import { Auth } from './api/auth';
import { renderAuthView } from './ui/authView';
import { renderShell } from './ui/shell';

const root = document.getElementById('app')!;
const auth = new Auth();
let teardown: (() => void) | null = null;

function show(notice?: string): void {
  teardown?.();
  teardown = null;
  if (auth.session) {
    teardown = renderShell(root, auth);
  } else {
    if (window.location.hash) history.replaceState(null, '', window.location.pathname);
    renderAuthView(root, auth, notice);
  }
}

auth.onChange((session, reason) => {
  show(!session && reason === 'expired' ? 'Your session has ended. Please sign in again.' : undefined);
});

show();
