// JSON API client: GET only, query values URI-encoded, errors carry the HTTP status.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET /api/<path> with the given query; resolves to the parsed JSON body. */
export async function get(path, query = {}, { signal } = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  const url = "/api/" + path + (qs ? "?" + qs : "");
  const resp = await fetch(url, { headers: { Accept: "application/json" }, signal });
  if (!resp.ok) {
    let detail = resp.statusText;
    try {
      const body = await resp.json();
      if (body && body.message) detail = body.message;
      else if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (_) { /* the body was not JSON; keep the status text */ }
    throw new ApiError(resp.status, `${resp.status} ${detail} (${url})`);
  }
  return resp.json();
}

/** Path segment helper: encodes an id for use inside /api/... */
export function seg(id) {
  return encodeURIComponent(String(id));
}
