/** A failed call, carrying the server's message for the person who made it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; csv?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as
    | (T & { message?: string; fields?: { field: string; message: string }[] })
    | null;
  if (!response.ok)
    throw new ApiError(response.status, data?.message ?? response.statusText, data?.fields ?? []);
  return data as T;
}
