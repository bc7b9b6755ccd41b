import { Layout } from '../layout';
import { AppPage, type Viewer } from './shell';

const TITLES: Record<number, string> = { 403: 'Not for your role', 404: 'Not found', 500: 'Something went wrong' };

/** An error as a page, inside the app frame when someone is signed in. */
export function ErrorPage(props: { viewer: Viewer | null; status: number; detail: string }) {
  const title = TITLES[props.status] ?? 'Error';
  const body = (
    <div class="error-page">
      <h1>{title}</h1>
      <p>{props.detail}</p>
      <p>
        <a href="/app/articles">Back to the articles</a>
      </p>
    </div>
  );
  if (props.viewer) return <AppPage title={title} viewer={props.viewer} current="none" script="shell">{body}</AppPage>;
  return (
    <Layout title={`${title} · Factmark`} styles={['/app/assets/app.css']}>
      <main id="main" class="main">
        {body}
      </main>
    </Layout>
  );
}
