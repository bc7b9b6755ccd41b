import { jsonOrNull } from '../web/client/_json';
/** A response as tests read it: status, headers, the text, and the JSON when it parses. */
export async function readResponse(res: Response) {
  const text = await res.text();
  const json: any = jsonOrNull(text);
  return { status: res.status, headers: res.headers, json, text };
}
