import type { Locator, Page } from '@playwright/test';

/** The first-admin set-up page of a fresh instance. */
export class SetupPage {
  readonly heading: Locator;
  readonly submit: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Welcome to Gantry' });
    this.submit = page.getByRole('button', { name: 'Create the admin account' });
    this.message = page.getByTestId('form-message');
  }

  async createAdmin({ name, email, password }: { name: string; email: string; password: string }) {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByLabel('Repeat the password').fill(password);
    await this.submit.click();
  }
}

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Gantry' });
    this.email = page.getByLabel('Email address');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.message = page.getByTestId('form-message');
  }

  async goto() {
    await this.page.goto('/sign-in');
    await this.heading.waitFor();
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}

/** The user menu in the header. */
export async function signOut(page: Page) {
  await page.getByTestId('current-user').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
}
