const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/**
 * RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are.
 * Both clouds' signatures are computed over values encoded exactly this way;
 * encodeURIComponent leaves ! ' ( ) * unencoded, so those are added here.
 */
export function percentEncode(value: string): string {
	// most names and values need no encoding at all: skip the work (signing speed)
	if (UNRESERVED_ONLY.test(value)) return value;
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(char) => '%' + char.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/**
 * Parameters sorted by name (code-unit order, as both official signers sort), then `k=v&…`;
 * `leaveOut` names one parameter that is not part of it (e.g. the signature itself).
 */
export function canonicalQuery(params: Record<string, string>, leaveOut?: string): string {
	return Object.keys(params)
		.filter((key) => key !== leaveOut)
		.sort()
		.map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
		.join('&');
}

/**
 * Decodes %XX runs as UTF-8, leniently as gateways do: a `%` that starts no escape stays as it
 * is, and bytes that are not UTF-8 become U+FFFD (decodeURIComponent would throw instead).
 */
export function percentDecode(value: string): string {
	return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}
