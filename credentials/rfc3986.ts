/**
 * RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are.
 * Both clouds' signatures are computed over values encoded exactly this way;
 * encodeURIComponent leaves ! ' ( ) * unencoded, so those are added here.
 */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(char) => '%' + char.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** Parameters sorted by name (code-unit order, as both official signers sort), then `k=v&…`. */
export function canonicalQuery(params: Record<string, string>): string {
	return Object.keys(params)
		.sort()
		.map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
		.join('&');
}
