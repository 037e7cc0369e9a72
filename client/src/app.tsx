import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

type Readiness = 'checking' | 'ready' | 'unavailable';

export function App() {
  const readiness = useSignal<Readiness>('checking');
  useEffect(() => {
    fetch('/ready')
      .then((response) => {
        readiness.value = response.ok ? 'ready' : 'unavailable';
      })
      .catch(() => {
        readiness.value = 'unavailable';
      });
  }, []);
  return (
    <main class="landing">
      <h1>Trust OS Diagnostic</h1>
      <p>Where agreement turns into action, team by team.</p>
      <p class={`status status-${readiness.value}`} role="status">
        Server: {readiness}
      </p>
    </main>
  );
}
