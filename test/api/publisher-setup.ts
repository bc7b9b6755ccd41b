import type { TestProject } from 'vitest/node';
import { startPublisher } from '../fixtures/publisher/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture publisher's origin (http://127.0.0.1:PORT), for the import and outbound-fetch tests. */
    publisherOrigin: string;
  }
}

/** One publisher server on 127.0.0.1 for the whole api project (tests in workerd reach it over HTTP). */
export default async function setup(project: TestProject) {
  const publisher = await startPublisher();
  project.provide('publisherOrigin', publisher.origin);
  return () => publisher.close();
}
