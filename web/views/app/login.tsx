import { Layout } from '../layout';
import { Field, FormError } from './shell';

/** Sign-in. The form posts to the JSON API from login.js; `next` is where to go after. */
export function LoginPage(props: { next: string; signedOut?: boolean }) {
  return (
    <Layout title="Sign in · Factmark" styles={['/app/assets/app.css']} scripts={['/app/assets/login.js']} bodyClass="login-body">
      <main id="main" class="login">
        <h1 class="brand-big">Factmark</h1>
        <p class="muted">Fact-check desk. Sign in to work on claims.</p>
        {props.signedOut ? (
          <p class="notice" role="status">
            You are signed out.
          </p>
        ) : null}
        <form id="login-form" class="card stack" data-next={props.next} novalidate>
          <h2>Sign in</h2>
          <Field id="login-email" name="email" label="E-mail">
            <input id="login-email" name="email" type="email" autocomplete="username" required autofocus />
          </Field>
          <Field id="login-password" name="password" label="Password">
            <input id="login-password" name="password" type="password" autocomplete="current-password" required />
          </Field>
          <FormError />
          <button type="submit" class="btn primary">
            Sign in
          </button>
        </form>
      </main>
    </Layout>
  );
}
