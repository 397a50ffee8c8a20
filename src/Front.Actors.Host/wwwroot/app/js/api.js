// Calls to /api/v1 with the session cookie. Every call carries the anti-forgery header the host requires of
// cookie-authenticated state changes; an error arrives as ApiError with the problem's field errors.
export const antiForgery = { 'X-Front-Request': '1' };

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }

  /** { field: [reasons] } as the API's problem details name them. */
  get fields() {
    return this.problem?.errors ?? {};
  }
}

// The account calls that name none act for (a person with roles on several accounts chooses it); null: their home account.
let actingAccount = null;

/** From now on, calls act for this account (sent as X-Front-Account; the API refuses an account the person holds no role on). */
export function actFor(accountId) {
  actingAccount = accountId;
}

export async function api(method, path, body) {
  const headers = { ...antiForgery, Accept: 'application/json' };
  if (actingAccount) headers['X-Front-Account'] = actingAccount;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json, response.headers.get('Retry-After'));
  return json;
}

/** Sends the person to sign in, coming back here afterwards. */
export function toSignIn() {
  const next = location.pathname + location.search;
  location.assign(`/app/sign-in?next=${encodeURIComponent(next)}`);
}
