/**
 * A claim's fields as the API answers them (`GET /api/v1/claims/{id}`): the part the
 * reviewer UI's views and page scripts both read, so they name them alike.
 */
export interface ClaimFieldsView {
  version: number;
  kind: string;
  value: unknown;
  approximate: boolean;
  bound: string | null;
  subject: string | null;
  speaker: string | null;
  assigneeId: string | null;
  status: string;
}
