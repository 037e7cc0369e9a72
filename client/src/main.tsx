import { render } from 'preact';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
import { loadCatalog } from './i18n/translate.ts';
import { AppStateContext, createAppState } from './state/app-state.ts';
import './styles.css';

// Each page is its own chunk: the survey an employee opens loads no console or charting code.
const SurveyPage = lazy(() => import('./pages/survey/survey-page.tsx').then((m) => m.SurveyPage));
const HomePage = lazy(() => import('./pages/home-page.tsx').then((m) => m.HomePage));
const AcceptInvitePage = lazy(() => import('./pages/accept-invite-page.tsx').then((m) => m.AcceptInvitePage));
const ConsolePage = lazy(() => import('./pages/console/console-page.tsx').then((m) => m.ConsolePage));
const OrganizationPage = lazy(() =>
  import('./pages/console/organization-page.tsx').then((m) => m.OrganizationPage),
);
const WavePage = lazy(() => import('./pages/console/wave-page.tsx').then((m) => m.WavePage));
const ReportPage = lazy(() => import('./pages/report/report-page.tsx').then((m) => m.ReportPage));
const ActionsPage = lazy(() => import('./pages/actions/actions-page.tsx').then((m) => m.ActionsPage));
// Opened by employees on their phones: as light as the survey, no console or charting code.
const ResultsPage = lazy(() => import('./pages/results/results-page.tsx').then((m) => m.ResultsPage));

const appState = createAppState();
document.documentElement.lang = appState.state.locale.value;
// The first page is drawn in its language from the start, not in English first. A language that
// fails to load (a dropped connection) leaves the page in English rather than blank.
await loadCatalog(appState.state.locale.value).catch(() => {});

render(
  <AppStateContext.Provider value={appState}>
    <LocationProvider>
      <ErrorBoundary>
        <Router>
          <Route path="/s/:code" component={SurveyPage} />
          <Route path="/invite/:token" component={AcceptInvitePage} />
          <Route path="/console" component={ConsolePage} />
          <Route path="/console/:orgId" component={OrganizationPage} />
          <Route path="/console/:orgId/actions" component={ActionsPage} />
          <Route path="/console/:orgId/waves/:waveId" component={WavePage} />
          <Route path="/r/:token" component={ResultsPage} />
          <Route path="/reports/:waveId" component={ReportPage} />
          <Route default component={HomePage} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  </AppStateContext.Provider>,
  document.getElementById('app')!,
);
