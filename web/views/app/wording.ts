/** Phrases rendered by the server and updated by the page scripts, kept in one place. */

export const suggestionsLine = (n: number) => `${n} machine suggestion${n === 1 ? '' : 's'} to accept or dismiss.`;
