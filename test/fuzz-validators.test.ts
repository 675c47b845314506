/**
 * Fuzzing the input validators (issue 5, "Fuzz with fast-check"): 10,000 random inputs through
 * each schema, concentrated on the documented boundaries, each compared with an independent
 * predicate written from the API references (shared/reference/alibaba-dla.md,
 * shared/reference/huawei-lakeformation.md and the seed pages):
 *
 * - the schema accepts exactly what the predicate accepts, and outputs what the predicate says;
 * - safeParse never throws, and validateItem rejects only with a NodeOperationError whose
 *   message names a field label and the item;
 * - what an accepted input turns into on the wire is clean (Alibaba's Component JSON, the
 *   LakeFormation bodies and list query).
 *
 * Decisions the predicates encode (see the comments at each):
 * - surrounding whitespace (String.prototype.trim) is not part of a text value: it is removed
 *   before the documented rule is checked, and the trimmed value is what is sent;
 * - an optional text that is blank means "not given" and is left out of the request;
 * - lengths are counted in UTF-16 code units (JavaScript's and Java's String length);
 * - a LakeFormation charge_info, when given, must be well-formed whatever the charge mode,
 *   and is sent only for prePaid;
 * - a CU count is a whole number from 0 to 2^53-1 (Number.MAX_SAFE_INTEGER): a string must
 *   denote exactly such a number (digits a number cannot hold would be sent changed), and what
 *   is sent is exactly that number in plain digits;
 * - where the message is decided by one field alone, the predicate also says what it is (the
 *   CU, Operable and Min CU ≤ Max CU messages, rather than zod's "Invalid input").
 *
 * Minimal examples of what the fuzzing once found are kept as regression tests at the end.
 */
import assert from 'node:assert/strict';

import * as fc from 'fast-check';
import { NodeOperationError, type INode } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';

import { createInstanceRequest as alibabaCreateRequest, serializeComponent } from '../nodes/AlibabaCloudDataLakeAnalytics/request';
import * as alibaba from '../nodes/AlibabaCloudDataLakeAnalytics/schema';
import {
	createInstanceRequest as huaweiCreateRequest,
	listInstancesRequest,
	updateInstanceRequest,
} from '../nodes/HuaweiCloudLakeFormation/request';
import * as huawei from '../nodes/HuaweiCloudLakeFormation/schema';
import type { FieldLabels } from '../nodes/shared/errors';
import { validateItem } from '../nodes/shared/validation';

const NUM_RUNS = 10_000;
const NODE = { id: 'fuzz', name: 'Test', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

// ---------------------------------------------------------------------------------------------
// Verdicts of the independent predicates
// ---------------------------------------------------------------------------------------------

/**
 * `root`: the input as a whole is wrong (not an object, an unknown key, nothing to update), no
 * one field. `expected`: the message the error must carry, where the predicate knows it: the
 * field's path (dot-separated, '' for the value itself) and the problem.
 */
type Expected = { path: string; message: string };
type Verdict = { ok: true; value: unknown } | { ok: false; why: string; root?: boolean; expected?: Expected };
const ok = (value: unknown): Verdict => ({ ok: true, value });
const bad = (why: string, root = false, expected?: Expected): Verdict => ({ ok: false, why, root, expected });
/** A rejection whose message the predicate knows. */
const badSaying = (why: string, message: string): Verdict => bad(why, false, { path: '', message });

/** Placeholder for "this key is not in the object at all" (different from a key set to undefined). */
const ABSENT = Symbol('absent');
function withoutAbsent(record: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) if (value !== ABSENT) out[key] = value;
	return out;
}

/**
 * "An object" (a JSON object, as n8n hands parameters over). For exotic values that never come
 * from n8n the predicate follows zod's notion: any non-null, non-array object except Date, Map,
 * Set and promises, with null-prototype and boxed/typed-array objects counted as objects and
 * their enumerable keys (for…in) as the keys.
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	!(value instanceof Date || value instanceof Map || value instanceof Set) &&
	!(typeof (value as { then?: unknown }).then === 'function' && typeof (value as { catch?: unknown }).catch === 'function');

/** A copy without undefined-valued keys (zod leaves a given-but-undefined key in, the predicates may not). */
function defined(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(defined);
	if (typeof value !== 'object' || value === null) return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = defined(entry);
	return out;
}

const has = (object: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Characters allowed by "letters, numbers, hyphens (-) and underscores (_)" — ASCII, as the doc means. */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const onlyCharsOf = (text: string, allowed: string) => {
	for (let i = 0; i < text.length; i++) if (!allowed.includes(text[i])) return false;
	return true;
};

/** Required text: a string that is not blank; the value is the trimmed string. */
function requiredText(value: unknown, rule?: (trimmed: string) => string | undefined): Verdict {
	if (typeof value !== 'string') return bad('not text');
	const trimmed = value.trim();
	if (trimmed.length === 0) return bad('blank');
	const broken = rule?.(trimmed);
	return broken ? bad(broken) : ok(trimmed);
}

/** Optional text: absent/undefined or blank → not given (undefined); otherwise as required text. */
function optionalText(value: unknown, rule?: (trimmed: string) => string | undefined, trim = true): Verdict {
	if (value === undefined || value === ABSENT) return ok(undefined);
	if (typeof value !== 'string') return bad('not text');
	if (value.trim() === '') return ok(undefined);
	const text = trim ? value.trim() : value;
	const broken = rule?.(text);
	return broken ? bad(broken) : ok(text);
}

/** A strict object: only the listed keys may be present. */
function unknownKeys(object: Record<string, unknown>, allowed: string[]): string[] {
	const keys: string[] = [];
	for (const key in object) if (!allowed.includes(key)) keys.push(key);
	return keys;
}

/**
 * Combines field verdicts: ok only if all are ok. When exactly one field fails (and nothing
 * else), its expected message, if known, is the whole input's, at that field's path.
 */
function combine(fields: Record<string, Verdict>, extraProblems: string[] = []): Verdict {
	const failed = Object.entries(fields).filter(([, verdict]) => !verdict.ok) as Array<[string, Verdict & { ok: false }]>;
	if (failed.length > 0 || extraProblems.length > 0) {
		const why = [...failed.map(([key, verdict]) => `${key}: ${verdict.why}`), ...extraProblems].join('; ');
		const only = failed.length === 1 && extraProblems.length === 0 ? failed[0] : undefined;
		const expected = only?.[1].expected && { path: [only[0], only[1].expected.path].filter(Boolean).join('.'), message: only[1].expected.message };
		return bad(why, extraProblems.some((problem) => problem.startsWith('unknown key')), expected);
	}
	const value: Record<string, unknown> = {};
	for (const [key, verdict] of Object.entries(fields)) value[key] = (verdict as { value: unknown }).value;
	return ok(value);
}

// ---------------------------------------------------------------------------------------------
// Alibaba predicates (CreateInstance / ReleaseInstance, alibaba-dla.md)
// ---------------------------------------------------------------------------------------------

const MAX_CU = BigInt(Number.MAX_SAFE_INTEGER);
const NOT_A_NUMBER = 'must be a number';
const NOT_WHOLE = 'must be a whole number';
const NEGATIVE = 'must not be negative';
const TOO_LARGE = `must be at most ${Number.MAX_SAFE_INTEGER}`;

/** A decimal numeral: optional '-', digits, optionally '.' and digits (as the doc's "8", "0"). */
function parseDecimal(text: string): { negative: boolean; whole: bigint; fractionIsZero: boolean } | undefined {
	let i = 0;
	const negative = text[0] === '-';
	if (negative) i++;
	let integer = '';
	while (i < text.length && DIGITS.includes(text[i])) integer += text[i++];
	if (integer === '') return undefined;
	let fraction = '';
	if (i < text.length && text[i] === '.') {
		i++;
		while (i < text.length && DIGITS.includes(text[i])) fraction += text[i++];
		if (fraction === '') return undefined;
	}
	if (i !== text.length) return undefined;
	return { negative, whole: BigInt(integer), fractionIsZero: /^0*$/.test(fraction) };
}

/**
 * "A CU count": a whole number from 0 to 2^53-1, as a JSON number or as a decimal string (the
 * doc's example gives "8" and "0"), surrounding whitespace ignored; a string is judged by its
 * exact value, not by the double it rounds to. The value is the number it denotes; `exact` is
 * its exact integer value (for what must be sent). The messages: anything that is not a number
 * or a decimal numeral "must be a number"; then whole, then not negative, then at most 2^53-1.
 */
function computeUnits(value: unknown): Verdict & { exact?: bigint } {
	if (typeof value === 'number') {
		if (Number.isNaN(value)) return badSaying('NaN', NOT_A_NUMBER);
		if (!Number.isInteger(value)) return badSaying('not a whole number', NOT_WHOLE);
		if (value < 0) return badSaying('negative', NEGATIVE);
		if (value > Number.MAX_SAFE_INTEGER) return badSaying('beyond 2^53-1', TOO_LARGE);
		return { ...ok(value), exact: BigInt(value) };
	}
	if (typeof value !== 'string') return badSaying('not a number', NOT_A_NUMBER);
	const text = value.trim();
	const parsed = parseDecimal(text);
	if (!parsed) return badSaying('not a decimal numeral', NOT_A_NUMBER);
	if (!parsed.fractionIsZero) return badSaying('not a whole number', NOT_WHOLE);
	// "-0", "-0.00": zero, not negative
	if (parsed.negative && parsed.whole !== 0n) return badSaying('negative', NEGATIVE);
	if (parsed.whole > MAX_CU) return badSaying('beyond 2^53-1', TOO_LARGE);
	return { ...ok(Number(text)), exact: parsed.whole };
}

/** operable: a boolean, or the strings "true"/"false" the doc's example uses. */
function operable(value: unknown): Verdict {
	if (value === true || value === 'true') return ok(true);
	if (value === false || value === 'false') return ok(false);
	return badSaying('not true/false', 'must be true or false');
}

/** A region ID such as cn-hangzhou: lowercase letters, digits and hyphens (not a display name). */
const regionId = (value: unknown) =>
	requiredText(value, (text) => (onlyCharsOf(text, 'abcdefghijklmnopqrstuvwxyz' + DIGITS + '-') ? undefined : 'not a region ID'));

const enumOf = (allowed: readonly string[]) => (value: unknown) =>
	typeof value === 'string' && allowed.includes(value) ? ok(value) : bad(`not one of ${allowed.join('|')}`);

const COMPONENT_KEYS = ['operable', 'max_cu', 'instance_name', 'min_cu', 'engine', 'region', 'app_name', 'app_version_name'];

function componentOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('Component is not an object', true);
	const get = (key: string) => input[key];
	const maxCu = computeUnits(get('max_cu'));
	const minCu = computeUnits(get('min_cu'));
	const verdict = combine(
		{
			operable: operable(get('operable')),
			max_cu: maxCu,
			instance_name: requiredText(get('instance_name')),
			min_cu: minCu,
			engine: enumOf(['spark', 'presto'])(get('engine')),
			region: regionId(get('region')),
			app_name: requiredText(get('app_name')),
			app_version_name: requiredText(get('app_version_name')),
		},
		unknownKeys(input, COMPONENT_KEYS).map((key) => `unknown key ${JSON.stringify(key)}`),
	);
	if (verdict.ok && (minCu as { value: number }).value > (maxCu as { value: number }).value) {
		return bad('min_cu > max_cu', false, { path: 'min_cu', message: 'must not be greater than Max CU' });
	}
	return verdict;
}

function alibabaCreateOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('not an object', true);
	// Not strict: unknown top-level keys are dropped (the node builds this object itself).
	return combine({
		RegionId: regionId(input.RegionId),
		ChargeType: enumOf(['POSTPAY'])(input.ChargeType),
		InstanceType: enumOf(['CU_SPARK', 'CU_PRESTO'])(input.InstanceType),
		Component: componentOracle(input.Component),
	});
}

function alibabaReleaseOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('not an object', true);
	return combine({ RegionId: regionId(input.RegionId), InstanceId: requiredText(input.InstanceId) });
}

// ---------------------------------------------------------------------------------------------
// Huawei predicates (Creating an Instance, Tables 3–6; list and update, huawei-lakeformation.md)
// ---------------------------------------------------------------------------------------------

/** Table 3 name: "4 to 32 characters. Only letters, numbers, hyphens (-), and underscores (_)". */
const nameRule = (text: string) =>
	text.length < 4 || text.length > 32 ? `length ${text.length}` : onlyCharsOf(text, LETTERS + DIGITS + '-_') ? undefined : 'bad character';
/** Table 3 description: "a maximum of 255 characters" (UTF-16 code units, see the header). */
const descriptionRule = (text: string) => (text.length > 255 ? `length ${text.length}` : undefined);
/** Table 3 enterprise_project_id: "1 to 64 characters. Only letters, numbers, and hyphens (-)". */
const enterpriseProjectRule = (text: string) =>
	text.length < 1 || text.length > 64 ? `length ${text.length}` : onlyCharsOf(text, LETTERS + DIGITS + '-') ? undefined : 'bad character';

const boolean = (value: unknown) => (typeof value === 'boolean' ? ok(value) : bad('not a boolean'));
const optionalBoolean = (value: unknown, fallback?: boolean) =>
	value === undefined || value === ABSENT ? ok(fallback) : boolean(value);

/** Table 4 CreateSpec: product_id optional, spec_code required, stride_num an integer ≥ 5. */
function specOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('spec is not an object');
	const stride = input.stride_num;
	return combine(
		{
			product_id: optionalText(input.product_id),
			spec_code: requiredText(input.spec_code),
			stride_num:
				typeof stride === 'number' && Number.isInteger(stride) && stride >= 5 ? ok(stride) : bad('stride_num not an integer ≥ 5'),
		},
		unknownKeys(input, ['product_id', 'spec_code', 'stride_num']).map((key) => `unknown key ${key}`),
	);
}

/** Table 5 ResourceTag: key required, value optional (a blank value counts as not given). */
function tagOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('tag is not an object');
	return combine(
		{ key: requiredText(input.key), value: optionalText(input.value, undefined, false) },
		unknownKeys(input, ['key', 'value']).map((key) => `unknown key ${key}`),
	);
}

function listOf(value: unknown, max: number, item: (entry: unknown) => Verdict): Verdict {
	if (value === undefined || value === ABSENT) return ok(undefined);
	if (!Array.isArray(value)) return bad('not a list');
	const entries: Verdict[] = [];
	for (let i = 0; i < value.length; i++) entries.push(i in value ? item(value[i]) : bad('hole'));
	if (value.length > max) return bad(`${value.length} entries`);
	if (entries.some((entry) => !entry.ok)) return bad('bad entry');
	return ok(entries.map((entry) => (entry as { value: unknown }).value));
}

/**
 * Table 6 ChargeInfo: period_type MONTH|YEAR; period_num 1–9 (MONTH) or 1–3 (YEAR) after a
 * floating-point value is truncated; the two booleans default to false.
 */
function chargeInfoOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('charge_info is not an object');
	const type = input.period_type;
	const num = input.period_num;
	const max = type === 'MONTH' ? 9 : 3;
	const truncated = typeof num === 'number' ? Math.trunc(num) : NaN;
	return combine(
		{
			period_type: enumOf(['MONTH', 'YEAR'])(type),
			period_num: truncated >= 1 && truncated <= max ? ok(truncated) : bad(`period_num ${String(num)}`),
			is_auto_renew: optionalBoolean(has(input, 'is_auto_renew') ? input.is_auto_renew : ABSENT, false),
			is_auto_pay: optionalBoolean(has(input, 'is_auto_pay') ? input.is_auto_pay : ABSENT, false),
		},
		unknownKeys(input, ['period_type', 'period_num', 'is_auto_renew', 'is_auto_pay']).map((key) => `unknown key ${key}`),
	);
}

const HUAWEI_CREATE_KEYS = ['name', 'charge_mode', 'enterprise_project_id', 'description', 'shared', 'order_id', 'specs', 'tags', 'charge_info'];

function huaweiCreateOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('not an object', true);
	const mode = input.charge_mode;
	const chargeInfo = input.charge_info === undefined ? ok(undefined) : chargeInfoOracle(input.charge_info);
	const verdict = combine(
		{
			name: requiredText(input.name, nameRule),
			charge_mode: enumOf(['postPaid', 'prePaid'])(mode),
			enterprise_project_id: optionalText(input.enterprise_project_id, enterpriseProjectRule),
			description: optionalText(input.description, descriptionRule),
			shared: boolean(input.shared),
			order_id: optionalText(input.order_id),
			specs: listOf(input.specs, Infinity, specOracle),
			tags: listOf(input.tags, 20, tagOracle),
			charge_info: chargeInfo,
		},
		[
			...unknownKeys(input, HUAWEI_CREATE_KEYS).map((key) => `unknown key ${key}`),
			// "This parameter cannot be left blank when charge_mode is set to prePaid."
			...(mode === 'prePaid' && input.charge_info === undefined ? ['prePaid without charge_info'] : []),
		],
	);
	if (!verdict.ok) return verdict;
	const value = verdict.value as Record<string, unknown>;
	// charge_info is "valid only when charge_mode is prePaid": not sent otherwise
	if (mode !== 'prePaid') value.charge_info = undefined;
	return verdict;
}

function huaweiUpdateOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('not an object', true);
	const verdict = combine(
		{ name: optionalText(input.name, nameRule), description: optionalText(input.description, descriptionRule) },
		unknownKeys(input, ['name', 'description']).map((key) => `unknown key ${key}`),
	);
	if (!verdict.ok) return verdict;
	const value = verdict.value as { name?: string; description?: string };
	return value.name === undefined && value.description === undefined ? bad('nothing to update', true) : verdict;
}

function huaweiListOracle(input: unknown): Verdict {
	if (!isPlainObject(input)) return bad('not an object', true);
	return combine(
		{
			name: optionalText(input.name),
			enterprise_project_id: optionalText(input.enterprise_project_id, enterpriseProjectRule),
			in_recycle_bin: optionalBoolean(input.in_recycle_bin),
			tags: listOf(input.tags, 20, tagOracle),
		},
		unknownKeys(input, ['name', 'enterprise_project_id', 'in_recycle_bin', 'tags']).map((key) => `unknown key ${key}`),
	);
}

const instanceIdOracle = (input: unknown) => requiredText(input);

// ---------------------------------------------------------------------------------------------
// Generators, concentrated on the boundaries
// ---------------------------------------------------------------------------------------------

/** Whitespace that String.prototype.trim removes (ASCII, NBSP, em and ideographic spaces, BOM, LS). */
const TRIMMED = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'];
/**
 * Look-alikes and troublemakers: Cyrillic а, fullwidth S/0/hyphen/underscore, other dashes,
 * Arabic-Indic three, mathematical zero, dotless i, Kelvin sign, é, an emoji (two code units),
 * zero-width space and Mongolian vowel separator (not removed by trim), NUL, a lone surrogate.
 */
const LOOKALIKES = ['а', 'Ｓ', '０', '－', '＿', '‐', '‑', '˗', '٣', '𝟘', 'ı', 'K', 'é', '😀', '\u200b', '\u180e', '\u0000', '\ud800', ' ', '.', '@', '/', ','];

/** Odd values of any type (fast-check's `anything`, sampled once with a fixed seed: cheap to draw). */
const ANYTHING = fc.sample(
	fc.anything({
		withBigInt: true,
		withBoxedValues: true,
		withDate: true,
		withMap: true,
		withSet: true,
		withNullPrototype: true,
		withObjectString: true,
		withSparseArray: true,
		withTypedArray: true,
		withUnicodeString: true,
		maxDepth: 2,
	}),
	{ numRuns: 400, seed: 42 },
);
/** Values of the wrong type, including the strings a form field may hand over. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.constantFrom<unknown>(null, 0, 1, -0, NaN, Infinity, -Infinity, true, false, 'true', 'false', 'null', 'undefined', [], {}, ['abcd'], { key: 'x' }, 10n, new Date(0)),
	},
	{ weight: 1, arbitrary: fc.constantFrom(...ANYTHING) },
);

/** undefined, except 1 time in `oneIn`. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
	fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb as fc.Arbitrary<T | undefined> });

/**
 * Exactly n UTF-16 code units of characters from `valid` (a short random chunk repeated, which
 * keeps long strings cheap), or (1 in 4) with one look-alike put in at a random place.
 */
function textOfLength(valid: string, lengths: fc.Arbitrary<number>): fc.Arbitrary<string> {
	return fc
		.tuple(lengths, fc.string({ unit: fc.constantFrom(...valid), minLength: 1, maxLength: 6 }), rarely(fc.tuple(fc.constantFrom(...LOOKALIKES), fc.nat()), 4))
		.map(([n, chunk, dirt]) => {
			const text = chunk.repeat(Math.ceil(n / chunk.length)).slice(0, n);
			if (!dirt || n === 0) return text;
			const at = dirt[1] % n;
			return text.slice(0, at) + dirt[0] + text.slice(at + 1);
		});
}

/** Lengths b-1, b, b+1 for each boundary b (and 0), sometimes anything up to 2b. */
const lengthsAround = (...bounds: number[]) =>
	fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(0, ...bounds.flatMap((b) => [b - 1, b, b + 1]).filter((n) => n >= 0)) },
		{ weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * Math.max(...bounds) }) },
	);

/** Sometimes wrapped in whitespace that trim removes (or in zero-width characters that it keeps). */
const padded = (core: fc.Arbitrary<string>) =>
	fc.oneof(
		{ weight: 3, arbitrary: core },
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.constantFrom('', ...TRIMMED, '\u200b'), core, fc.constantFrom('', ...TRIMMED, '\u180e'))
				.map(([before, text, after]) => before + text + after),
		},
	);

const blank = fc.constantFrom('', ' ', '\t\n', '\u00a0\u3000');
const anyText = (max: number) =>
	fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }), fc.string({ unit: 'binary', maxLength: max }));

/** A field: values the doc allows (valid boundaries included), and values at or across its edges. */
interface FieldArbs {
	valid: fc.Arbitrary<unknown>;
	edge: fc.Arbitrary<unknown>;
}
const field = (valid: fc.Arbitrary<unknown>, ...edges: Array<fc.Arbitrary<unknown>>): FieldArbs => ({ valid, edge: fc.oneof(...edges) });

/**
 * An object with the given fields (ABSENT = key left out): all valid; exactly one field at its
 * edge and the others valid (so that field alone decides); a random mix; an unknown key added;
 * or not an object at all.
 */
function objectOf(fields: Record<string, FieldArbs>, extraKeys: string[], post: (object: Record<string, unknown>) => Record<string, unknown> = (o) => o): FieldArbs {
	const keys = Object.keys(fields);
	const pick = (choose: (key: string) => fc.Arbitrary<unknown>) =>
		fc.record(Object.fromEntries(keys.map((key) => [key, choose(key)]))).map((record) => post(withoutAbsent(record)));
	const allValid = pick((key) => fields[key].valid);
	const any = fc.oneof(
		{ weight: 3, arbitrary: allValid },
		{ weight: 6, arbitrary: fc.constantFrom(...keys).chain((edgeKey) => pick((key) => (key === edgeKey ? fields[key].edge : fields[key].valid))) },
		{ weight: 2, arbitrary: pick((key) => fc.oneof({ weight: 3, arbitrary: fields[key].valid }, { weight: 1, arbitrary: fields[key].edge })) },
		{
			weight: 1,
			arbitrary: fc
				.tuple(allValid, fc.constantFrom(...extraKeys), fc.constantFrom<unknown>('x', 1, null, undefined))
				.map(([object, key, value]) => ({ ...(object as object), [key]: value })),
		},
		{ weight: 1, arbitrary: wrongType },
	);
	return { valid: allValid, edge: any };
}

const NAME_CHARS = LETTERS + DIGITS + '-_';
const absent = fc.constant<unknown>(ABSENT);

// Alibaba

const cuNumeral = fc
	.tuple(
		fc.constantFrom('', '', '', '-', '+', ' ', '\u00a0'),
		fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 0, maxLength: 25 }),
		rarely(fc.string({ unit: fc.constantFrom('0', '0', '0', ...DIGITS), minLength: 0, maxLength: 25 }), 2),
		fc.constantFrom('', '', '', ' ', '\n', 'e3', ',', '٣'),
	)
	.map(([sign, integer, fraction, tail]) => sign + integer + (fraction === undefined ? '' : '.' + fraction) + tail);

const CU_EDGES: unknown[] = [
	-1, 0.5, 9.9, -0.5, 1.5, NaN, Infinity, -Infinity, 1e21, 1e300, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE,
	Number.MIN_VALUE, Number.EPSILON, -0, '9.9', '0.5', '-1', '-0', '-0.0', '+1', '1e3', '0x10', '0b1', '1_000', '8.', '.5', '', ' ',
	' 8', '8 ', '\u00a08\u3000', '\u200b8', '٣', '８', '1,5', 'NaN', 'Infinity', '9007199254740991', '9007199254740993',
	'1.0000000000000000001', '99999999999999999999999', '00', '-00', '0.000', 'true', true, false, null, [], {}, [8], new Number(8),
	'2.5', '-2.5', '8.0', '8.000', '-5.0', '-0.5', '0.0000000000000000001', '-0.0000000000000000001', '9007199254740992', '9007199254740991.0',
	'9007199254740991.5', '-9007199254740993', 2 ** 53 - 2, -(2 ** 53), 1e16,
];
/** Around 2^53-1, the largest CU: as a number, or as a numeral (whole or not, with leading zeros, padded, negative). */
const aroundMaxCu = fc
	.tuple(fc.bigInt({ min: MAX_CU - 3n, max: MAX_CU + 3n }), fc.constantFrom('number', 'text', '.0', '.5', '0', ' ', '-'))
	.map(([n, form]) =>
		form === 'number' ? Number(n) : form === 'text' ? String(n) : form === '.0' || form === '.5' ? `${n}${form}` : form === ' ' ? ` ${n} ` : `${form}${n}`,
	);
const cuValid = fc.oneof(fc.nat({ max: 64 }), fc.nat({ max: 64 }).map(String), fc.constantFrom<unknown>(0, '0', '8', ' 8 ', '1.0', '08', -0, '-0'));
const cuEdge = fc.oneof(fc.constantFrom(...CU_EDGES), cuNumeral, aroundMaxCu, fc.double(), fc.integer({ min: -3, max: 3 }), wrongType, absent);
/** [max_cu, min_cu]: valid ones with min ≤ max, or min vs max decided at the boundary (equal, one apart either way). */
const cuPair: FieldArbs = {
	valid: fc.tuple(fc.nat({ max: 64 }), fc.nat({ max: 64 }), fc.boolean(), fc.boolean()).map(([a, b, asText1, asText2]) => {
		const [min, max] = a <= b ? [a, b] : [b, a];
		return [asText1 ? String(max) : max, asText2 ? ` ${min} ` : min];
	}),
	edge: fc.oneof(
		fc.tuple(fc.nat({ max: 64 }), fc.constantFrom(-1, 0, 1), fc.boolean(), fc.boolean()).map(([n, d, asText1, asText2]) => {
			const other = Math.max(0, n + d);
			return [asText1 ? String(n) : n, asText2 ? ` ${other} ` : other];
		}),
		fc.tuple(cuEdge, cuValid),
		fc.tuple(cuValid, cuEdge),
		fc.tuple(cuEdge, cuEdge),
	),
};

const REGIONS = ['cn-hangzhou', 'cn-beijing', 'ap-southeast-1', 'us-east-1', 'eu-central-1', 'cn-north-4', 'a', '-', '0'];
const region = field(
	padded(fc.constantFrom(...REGIONS)),
	textOfLength('abcdefghijklmnopqrstuvwxyz0123456789-', fc.integer({ min: 0, max: 16 })),
	fc.constantFrom('China (Beijing)', 'CN-HANGZHOU', 'cn_hangzhou', 'cn-hangzhou.', 'сn-hangzhou', 'cn‐hangzhou', 'cn hangzhou'),
	blank,
	wrongType,
	absent,
);
const someText = field(padded(textOfLength(NAME_CHARS + ' .', fc.integer({ min: 1, max: 40 }))), blank, anyText(8), wrongType, absent);

const componentFields: Record<string, FieldArbs> = {
	operable: field(fc.constantFrom(true, false, 'true', 'false'), fc.constantFrom<unknown>('TRUE', 'False', ' true', 'yes', '1', 1, 0, '', null, [], {}), wrongType, absent),
	cus: cuPair,
	instance_name: someText,
	engine: field(fc.constantFrom('spark', 'presto'), fc.constantFrom<unknown>('Spark', 'PRESTO', ' spark', 'spark ', 'hive', '', 'ѕpark', null, 1, true), absent),
	region,
	app_name: someText,
	app_version_name: someText,
};
const componentInput = objectOf(
	componentFields,
	['extra', 'Operable', 'max_cu ', 'maxCu', 'ChargeType', '', 'constructor', 'toString'],
	({ cus, ...rest }) => {
		const [maxCu, minCu] = cus as [unknown, unknown];
		return withoutAbsent({ ...rest, max_cu: maxCu, min_cu: minCu });
	},
);

const alibabaCreateArb = objectOf(
	{
		RegionId: region,
		ChargeType: field(fc.constant('POSTPAY'), fc.constantFrom<unknown>('PREPAY', 'postpay', ' POSTPAY', 'POSTPAY ', '', null), absent),
		InstanceType: field(fc.constantFrom('CU_SPARK', 'CU_PRESTO'), fc.constantFrom<unknown>('CU_HIVE', 'cu_spark', 'CU_SPARK ', '', 'spark', null), absent),
		Component: { valid: componentInput.valid, edge: fc.oneof(componentInput.edge, wrongType, absent) },
	},
	['Extra', 'Action', 'Signature'],
).edge;

const alibabaReleaseArb = objectOf(
	{
		RegionId: region,
		InstanceId: field(padded(fc.constantFrom('dla-3qntmdtbqklsbsmceu****', 'i', 'dla-1')), blank, anyText(10), wrongType, absent),
	},
	['Extra'],
).edge;

// Huawei

const name = field(
	padded(textOfLength(NAME_CHARS, fc.integer({ min: 4, max: 32 }))),
	padded(textOfLength(NAME_CHARS, lengthsAround(4, 32))),
	blank,
	wrongType,
	absent,
);
const description = field(
	fc.oneof(absent, padded(textOfLength(LETTERS + ' .,', fc.integer({ min: 0, max: 255 })))),
	padded(textOfLength(LETTERS + ' ', lengthsAround(255))),
	// 127/128 astral characters: 254/256 UTF-16 code units
	fc.constantFrom(127, 128).map((n) => '😀'.repeat(n)),
	blank,
	wrongType,
);
const enterpriseProjectId = field(
	fc.oneof(absent, padded(fc.constantFrom('0', 'default', '2180518f-42b8-4947-b20b-adfc53981a25')), textOfLength(LETTERS + DIGITS + '-', fc.integer({ min: 1, max: 64 }))),
	padded(textOfLength(LETTERS + DIGITS + '-', lengthsAround(1, 64))),
	fc.constantFrom('a_b', 'ａ', 'a b', 'a.b'),
	blank,
	wrongType,
);
const strideNum = field(
	fc.oneof(fc.constantFrom(5, 6, 100), fc.integer({ min: 5, max: 10_000 })),
	fc.constantFrom<unknown>(4, 5, 4.999, 5.5, 5.000000000000001, -5, 0, -0, NaN, Infinity, 1e300, 2 ** 31, '5', ' 5', null, true, [5]),
	absent,
);
const spec = objectOf(
	{
		product_id: field(fc.constantFrom(ABSENT, undefined, 'OFFI8XXXXXXXXXXXXXXXX4', '', ' '), wrongType),
		spec_code: field(padded(fc.constant('lakeformation.unit.basic.qps')), blank, wrongType, absent),
		stride_num: strideNum,
	},
	['qps', 'Spec_code'],
);
const tag = objectOf(
	{
		key: field(padded(fc.constantFrom('env', 'k', 'a,b', 'a=b', 'ключ')), blank, wrongType, absent),
		value: field(fc.constantFrom(ABSENT, undefined, 'test', ' padded ', '', ' ', 'x=y'), wrongType),
	},
	['Key', 'tag'],
);
/** 0–21 entries, 19/20/21 often, all valid or one at its edge; or not a list. */
const listOf20 = (entry: fc.Arbitrary<unknown>, validEntry: fc.Arbitrary<unknown>) =>
	field(
		fc.oneof(
			{ weight: 2, arbitrary: absent },
			{ weight: 3, arbitrary: fc.constantFrom(0, 1, 2).chain((n) => fc.array(validEntry, { minLength: n, maxLength: n })) },
			{ weight: 1, arbitrary: fc.constantFrom(19, 20).chain((n) => fc.array(validEntry, { minLength: n, maxLength: n })) },
		),
		fc.constantFrom(1, 1, 2, 2, 19, 20, 21).chain((n) => fc.tuple(fc.array(validEntry, { minLength: n - 1, maxLength: n - 1 }), entry, fc.nat()).map(([list, odd, at]) => {
			list.splice(at % n, 0, odd);
			return list;
		})),
		fc.constantFrom(21, 22).chain((n) => fc.array(validEntry, { minLength: n, maxLength: n })),
		// (the last one has a hole at index 0)
		fc.constantFrom<unknown>(undefined, null, 'env=test', { tag: [] }, Object.assign(new Array(2), { 1: { key: 'k' } })),
	);
const validTag = fc.record({ key: fc.constantFrom('env', 'k', ' a '), value: fc.constantFrom<unknown>(ABSENT, 'v', '', ' ') }).map((t) => withoutAbsent(t));
const tags = listOf20(tag.edge, validTag);
const periodNum = field(
	fc.oneof(fc.integer({ min: 1, max: 3 }), fc.double({ min: 1, max: 3.999, noNaN: true })),
	fc.constantFrom<unknown>(0, 1, 3, 4, 9, 10, 0.5, 0.999, 3.5, 9.9, 9.999999, 10.0001, -0.5, -1, -0, NaN, Infinity, -Infinity, 1e21, '1', ' 3', null, true),
	fc.double({ min: -1, max: 11, noNaN: true }),
	absent,
);
const chargeInfo = objectOf(
	{
		period_type: field(fc.constantFrom('MONTH', 'YEAR'), fc.constantFrom<unknown>('month', 'Year', 'DAY', ' MONTH', '', null), absent),
		period_num: periodNum,
		is_auto_renew: field(fc.constantFrom<unknown>(ABSENT, undefined, true, false), fc.constantFrom<unknown>('true', 'false', 0, 1, null)),
		is_auto_pay: field(fc.constantFrom<unknown>(ABSENT, undefined, true, false), fc.constantFrom<unknown>('true', 'false', 0, 1, null)),
	},
	['period'],
);

const huaweiCreateArb = objectOf(
	{
		name,
		charge_mode: field(fc.constantFrom('postPaid', 'prePaid'), fc.constantFrom<unknown>('postpaid', 'PrePaid', ' prePaid', 'prePaid ', '', null, true), absent),
		enterprise_project_id: enterpriseProjectId,
		description,
		shared: field(fc.boolean(), fc.constantFrom<unknown>('true', 'false', 0, 1, null, undefined), absent),
		order_id: field(fc.constantFrom(ABSENT, undefined, 'CS2400000000ABCD', '', ' ', ' id '), wrongType),
		specs: field(
			fc.oneof(absent, fc.array(spec.valid, { maxLength: 3 })),
			fc.tuple(fc.array(spec.valid, { maxLength: 2 }), spec.edge).map(([list, odd]) => [...list, odd]),
			fc.constantFrom<unknown>(undefined, null, {}, 'spec'),
		),
		tags,
		charge_info: field(
			// valid: given for prePaid (the only mode that needs it); leaving it out is the edge
			chargeInfo.valid,
			fc.constantFrom<unknown>(ABSENT, undefined),
			chargeInfo.edge,
		),
	},
	['Name', 'chargeMode', 'project_id', 'instance_id'],
).edge;

const huaweiUpdateArb = objectOf(
	{
		name: { valid: fc.oneof(name.valid, fc.constantFrom<unknown>(ABSENT, undefined, '', ' ')), edge: name.edge },
		description: { valid: fc.oneof(description.valid, fc.constantFrom<unknown>(ABSENT, undefined, '', ' ')), edge: description.edge },
	},
	['shared', 'Name'],
).edge;

const huaweiListArb = objectOf(
	{
		name: field(fc.oneof(absent, padded(fc.constantFrom('lf_instance_01', 'a', 'x y', '名字')), blank), wrongType),
		enterprise_project_id: enterpriseProjectId,
		in_recycle_bin: field(fc.constantFrom<unknown>(ABSENT, true, false, undefined), fc.constantFrom<unknown>('true', 'false', 0, 1, null)),
		tags,
	},
	['limit', 'offset', 'Name'],
).edge;

const instanceIdArb = fc.oneof(
	{ weight: 2, arbitrary: padded(fc.oneof(fc.constantFrom('2180518f-42b8-4947-b20b-adfc53981a25', 'i', 'a/b', 'ключ'), anyText(40).filter((text) => text.trim() !== ''))) },
	{ weight: 1, arbitrary: fc.oneof(blank, wrongType, fc.constantFrom(...TRIMMED)) },
);

// ---------------------------------------------------------------------------------------------
// The harness: one property per validator, 10,000 runs each
// ---------------------------------------------------------------------------------------------

interface Stats {
	accepted: number;
	rejected: number;
	/** Rejections whose message the predicate foretold, by message. */
	messages: Map<string, number>;
	rootLabel: Map<string, number>;
	/** Why the predicate rejected, by reason: shows that every rule is exercised. */
	reasons: Map<string, number>;
}

/**
 * The label part of "Invalid <label>: <problem> [item N]" must be made of field labels; where
 * the predicate knows the message, it is exactly that field's label and that problem.
 */
function expectNamesAField(error: unknown, itemIndex: number, labels: FieldLabels, verdict: Verdict & { ok: false }, stats: Stats) {
	assert.ok(error instanceof NodeOperationError, `not a NodeOperationError: ${String(error)}`);
	const { message, context } = error as NodeOperationError;
	assert.equal(context.itemIndex, itemIndex);
	const match = /^Invalid (.*?): ([\s\S]+) \[item (\d+)\]$/.exec(message);
	if (!match) throw new Error(`Message not in the form "Invalid <field>: <problem> [item N]": ${JSON.stringify(message)}`);
	assert.equal(Number(match[3]), itemIndex);
	if (verdict.expected) {
		const { path, message: problem } = verdict.expected;
		assert.equal(message, `Invalid ${labels[path]}: ${problem} [item ${itemIndex}]`, `the predicate says ${verdict.why}`);
		stats.messages.set(problem, (stats.messages.get(problem) ?? 0) + 1);
	}
	const known = new Set(Object.values(labels));
	const parts = match[1].split(' of ').map((part) => part.replace(/ #\d+$/, ''));
	if (parts.length === 1 && parts[0] === 'input') {
		// Only a problem with the whole input has no field to name (not an object, an unknown
		// key, or the update's "at least one" rule): counted, reported.
		assert.ok(!verdict.ok && verdict.root, `"${message}" names no field, but the input has a problem with a field`);
		stats.rootLabel.set(match[2], (stats.rootLabel.get(match[2]) ?? 0) + 1);
		return;
	}
	for (const part of parts) {
		if (!known.has(part)) throw new Error(`"${part}" in ${JSON.stringify(message)} is not a field label`);
	}
}

function fuzzValidator(options: {
	name: string;
	schema: ZodTypeAny;
	input: fc.Arbitrary<unknown>;
	oracle: (input: unknown) => Verdict;
	labels: FieldLabels;
	seed: number;
	/** Checks what an accepted input turns into on the wire. */
	sent?: (output: unknown, input: unknown, verdict: Verdict & { ok: true }) => void;
}): Stats {
	const stats: Stats = { accepted: 0, rejected: 0, messages: new Map(), rootLabel: new Map(), reasons: new Map() };
	// Most runs construct errors, and deep stack traces (Jest allows 100 frames) are what makes
	// them expensive; the property does not look at stacks. n8n's BaseError reads the 3rd frame.
	const stackTraceLimit = Error.stackTraceLimit;
	Error.stackTraceLimit = 4;
	try {
	fc.assert(
		fc.property(options.input, fc.nat({ max: 10_000 }), (input, itemIndex) => {
			const verdict = options.oracle(input);
			// validateItem is safeParse plus the error: one parse per input. Anything safeParse
			// threw would come out here as something other than a NodeOperationError.
			let thrown: unknown;
			let returned: unknown;
			try {
				returned = validateItem(NODE, options.schema, input, itemIndex, options.labels);
			} catch (error) {
				thrown = error;
			}
			const accepted = thrown === undefined;
			if (accepted !== verdict.ok) {
				throw new Error(
					`schema ${accepted ? 'accepted' : 'rejected'} what the doc ${verdict.ok ? 'allows' : `forbids (${(verdict as { why: string }).why})`}` +
						(accepted ? '' : `: ${String((thrown as Error).message)}`),
				);
			}
			if (accepted) {
				stats.accepted++;
				assert.deepEqual(defined(returned), defined((verdict as { value: unknown }).value));
				options.sent?.(returned, input, verdict as Verdict & { ok: true });
			} else {
				stats.rejected++;
				const rejected = verdict as Verdict & { ok: false };
				for (const reason of rejected.why.split('; ')) {
					const key = reason.replace(/\d+/g, 'N').slice(0, 50);
					stats.reasons.set(key, (stats.reasons.get(key) ?? 0) + 1);
				}
				expectNamesAField(thrown, itemIndex, options.labels, rejected, stats);
			}
		}),
		{ seed: options.seed, numRuns: NUM_RUNS },
	);
	} finally {
		Error.stackTraceLimit = stackTraceLimit;
	}
	report[options.name] = stats;
	// the generator must exercise both sides of the rules
	expect(stats.accepted).toBeGreaterThan(NUM_RUNS * 0.15);
	expect(stats.rejected).toBeGreaterThan(NUM_RUNS * 0.15);
	return stats;
}

const report: Record<string, Stats> = {};
afterAll(() => {
	const lines = Object.entries(report).map(
		([name, stats]) =>
			`${name}: ${stats.accepted} accepted, ${stats.rejected} rejected` +
			(stats.messages.size ? `; messages foretold: ${[...stats.messages].map(([message, n]) => `"${message}" ×${n}`).join(', ')}` : '') +
			(stats.rootLabel.size ? `; messages naming no field: ${[...stats.rootLabel.keys()].map((m) => JSON.stringify(m.slice(0, 60))).join(', ')}` : '') +
			`\n    rejected because: ${[...stats.reasons].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} ×${n}`).join(', ')}`,
	);
	if (process.env.FUZZ_REPORT) process.stdout.write(lines.join('\n') + '\n');
});

// ---------------------------------------------------------------------------------------------
// What is sent
// ---------------------------------------------------------------------------------------------

/** Alibaba's Component parameter: the 8 keys in the doc's order, every value a string. */
function expectComponentSent(component: alibaba.Component, input: unknown, verdict: Verdict) {
	const text = serializeComponent(component);
	const sent = JSON.parse(text) as Record<string, unknown>;
	assert.deepEqual(Object.keys(sent), COMPONENT_KEYS);
	for (const key of COMPONENT_KEYS) assert.equal(typeof sent[key], 'string');
	assert.ok(sent.operable === 'true' || sent.operable === 'false');
	const given = input as Record<string, unknown>;
	for (const key of ['max_cu', 'min_cu']) {
		// exactly the given whole number, in plain digits
		const exact = computeUnits(given[key]).exact as bigint;
		assert.match(sent[key] as string, /^(0|[1-9]\d*)$/);
		assert.equal(sent[key], exact.toString());
	}
	const value = (verdict as { value: Record<string, unknown> }).value;
	for (const key of ['instance_name', 'engine', 'region', 'app_name', 'app_version_name']) assert.equal(sent[key], value[key]);
}

/** JSON as sent: no null, no undefined, no blank text anywhere. */
function expectNoEmptyFields(value: unknown, path = 'body'): void {
	if (value === null || value === undefined) throw new Error(`${path} is ${String(value)}`);
	if (typeof value === 'string' && value.trim() === '') throw new Error(`${path} is blank text`);
	if (Array.isArray(value)) value.forEach((entry, i) => expectNoEmptyFields(entry, `${path}[${i}]`));
	else if (typeof value === 'object') for (const [key, entry] of Object.entries(value)) expectNoEmptyFields(entry, `${path}.${key}`);
}

const givenText = (input: Record<string, unknown>, key: string) => typeof input[key] === 'string' && (input[key] as string).trim() !== '';

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('Alibaba Data Lake Analytics validators (10,000 inputs each)', () => {
	const componentLabels: FieldLabels = Object.fromEntries(
		Object.entries(alibaba.FIELD_LABELS)
			.filter(([key]) => key.startsWith('Component.'))
			.map(([key, label]) => [key.slice('Component.'.length), label]),
	);

	it('componentSchema accepts exactly the documented Component; it is sent as 8 string values in doc order', () => {
		fuzzValidator({
			name: 'componentSchema',
			schema: alibaba.componentSchema,
			input: componentInput.edge,
			oracle: componentOracle,
			labels: componentLabels,
			seed: 5001,
			sent: (output, input, verdict) => expectComponentSent(output as alibaba.Component, input, verdict),
		});
	});

	it('createInstanceSchema accepts exactly the documented CreateInstance parameters; the request carries them as strings', () => {
		fuzzValidator({
			name: 'createInstanceSchema',
			schema: alibaba.createInstanceSchema,
			input: alibabaCreateArb,
			oracle: alibabaCreateOracle,
			labels: alibaba.FIELD_LABELS,
			seed: 5002,
			sent: (output, input, verdict) => {
				const data = output as alibaba.CreateInstanceInput;
				const request = alibabaCreateRequest('https://openanalytics.cn-hangzhou.aliyuncs.com', data);
				const body = request.body as Record<string, unknown>;
				assert.deepEqual(Object.keys(body).sort(), ['Action', 'ChargeType', 'Component', 'InstanceType', 'RegionId', 'Version']);
				for (const value of Object.values(body)) assert.equal(typeof value, 'string');
				assert.equal(body.Component, serializeComponent(data.Component));
				const value = (verdict as { value: Record<string, unknown> }).value;
				expectComponentSent(data.Component, (input as Record<string, unknown>).Component, ok(value.Component));
			},
		});
	});

	it('releaseInstanceSchema accepts exactly a region ID and an instance ID', () => {
		fuzzValidator({
			name: 'releaseInstanceSchema',
			schema: alibaba.releaseInstanceSchema,
			input: alibabaReleaseArb,
			oracle: alibabaReleaseOracle,
			labels: alibaba.FIELD_LABELS,
			seed: 5003,
		});
	});
});

describe('Huawei LakeFormation validators (10,000 inputs each)', () => {
	it('createInstanceSchema accepts exactly Tables 3–6; the body sent has no empty or undefined optional field', () => {
		fuzzValidator({
			name: 'huaweiCreateInstanceSchema',
			schema: huawei.createInstanceSchema,
			input: huaweiCreateArb,
			oracle: huaweiCreateOracle,
			labels: huawei.FIELD_LABELS,
			seed: 5004,
			sent: (output, input) => {
				const given = input as Record<string, unknown>;
				const body = huaweiCreateRequest('https://lakeformation.cn-north-4.myhuaweicloud.com', output as huawei.CreateInstanceBody).body as Record<string, unknown>;
				assert.deepEqual(JSON.parse(JSON.stringify(body)), body);
				expectNoEmptyFields(body);
				for (const key of Object.keys(body)) assert.ok(HUAWEI_CREATE_KEYS.includes(key), key);
				for (const key of ['enterprise_project_id', 'description', 'order_id']) assert.equal(key in body, givenText(given, key), key);
				assert.equal('charge_info' in body, given.charge_mode === 'prePaid');
				assert.equal('specs' in body, given.specs !== undefined);
				assert.equal('tags' in body, given.tags !== undefined);
				assert.equal(typeof body.shared, 'boolean');
			},
		});
	});

	it('updateInstanceSchema accepts exactly a valid name and/or description, at least one; the body sent is clean', () => {
		fuzzValidator({
			name: 'huaweiUpdateInstanceSchema',
			schema: huawei.updateInstanceSchema,
			input: huaweiUpdateArb,
			oracle: huaweiUpdateOracle,
			labels: huawei.FIELD_LABELS,
			seed: 5005,
			sent: (output, input) => {
				const body = updateInstanceRequest('https://lf.example.com', 'id', output as { name?: string }).body as Record<string, unknown>;
				expectNoEmptyFields(body);
				assert.ok(Object.keys(body).length > 0);
				for (const key of ['name', 'description']) assert.equal(key in body, givenText(input as Record<string, unknown>, key), key);
			},
		});
	});

	it('listFiltersSchema accepts exactly the documented filters; the query sent has no empty filter', () => {
		fuzzValidator({
			name: 'huaweiListFiltersSchema',
			schema: huawei.listFiltersSchema,
			input: huaweiListArb,
			oracle: huaweiListOracle,
			labels: huawei.FIELD_LABELS,
			seed: 5006,
			sent: (output) => {
				const { qs } = listInstancesRequest('https://lf.example.com', output as huawei.ListFilters, { offset: 0, limit: 10 });
				expectNoEmptyFields(qs, 'qs');
			},
		});
	});

	it('instanceIdSchema accepts exactly non-blank text (trimmed)', () => {
		// the node labels the instance ID's root path itself
		fuzzValidator({
			name: 'huaweiInstanceIdSchema',
			schema: huawei.instanceIdSchema,
			input: instanceIdArb,
			oracle: instanceIdOracle,
			labels: { '': 'Instance ID' },
			seed: 5007,
		});
	});
});

describe('what the fuzzing found, minimal examples (regression tests)', () => {
	const component = (overrides: Record<string, unknown>) => ({
		operable: 'false',
		max_cu: '8',
		instance_name: 'api-test-9',
		min_cu: '0',
		engine: 'spark',
		region: 'cn-hangzhou',
		app_name: 'xx',
		app_version_name: 'xx',
		...overrides,
	});
	/** "field: message" of the first problem, or the Component as sent. */
	const outcome = (overrides: Record<string, unknown>) => {
		const parsed = alibaba.componentSchema.safeParse(component(overrides));
		if (parsed.success) return JSON.parse(serializeComponent(parsed.data)) as Record<string, string>;
		return `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`;
	};

	it('Alibaba CU "1.0000000000000000001" is not a whole number: rejected, not rounded to 1', () => {
		expect(outcome({ max_cu: '1.0000000000000000001' })).toBe('max_cu: must be a whole number');
		expect(outcome({ max_cu: '2.5' })).toBe('max_cu: must be a whole number');
	});

	it('Alibaba CU 1e21 (a whole number beyond 2^53-1) is rejected, never sent as "1e+21"', () => {
		expect(outcome({ max_cu: 1e21 })).toBe('max_cu: must be at most 9007199254740991');
	});

	it('Alibaba CU "9007199254740993" (beyond 2^53-1) is rejected, never sent rounded to 9007199254740992', () => {
		expect(outcome({ max_cu: '9007199254740993' })).toBe('max_cu: must be at most 9007199254740991');
		expect(outcome({ max_cu: '9007199254740992' })).toBe('max_cu: must be at most 9007199254740991');
	});

	it('Alibaba CU 2^53-1, as a number or a string, is accepted and sent as "9007199254740991"', () => {
		for (const max of [Number.MAX_SAFE_INTEGER, '9007199254740991', ' 9007199254740991.0 ']) {
			expect(outcome({ max_cu: max })).toMatchObject({ max_cu: '9007199254740991' });
		}
	});

	it('Alibaba CU and Operable of the wrong type say what they must be (not zod\'s "Invalid input")', () => {
		expect(outcome({ max_cu: true })).toBe('max_cu: must be a number');
		expect(outcome({ min_cu: undefined })).toBe('min_cu: must be a number');
		expect(outcome({ operable: 'yes' })).toBe('operable: must be true or false');
		expect(outcome({ operable: undefined })).toBe('operable: must be true or false');
	});
});
