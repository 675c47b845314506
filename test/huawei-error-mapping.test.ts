/**
 * LakeFormation's error bodies, as the API reference prints them, mapped to code, message and
 * request ID (flat `error_code`/`error_msg` and the gateway's nested `error.code`/`error.message`).
 */
import { isHuaweiThrottled, readLakeFormationResponse } from '../nodes/HuaweiCloudLakeFormation/response';
import type { CloudResponse } from '../nodes/shared/transport';

const answer = (statusCode: number, body: unknown, requestId = '0f9c8e6ab2d24c7e8a1b2c3d4e5f6a7b'): CloudResponse => ({
	statusCode,
	headers: { 'x-request-id': requestId },
	body,
	rawBody: JSON.stringify(body),
});

it('maps the flat body of the 400 example, with solution_msg and the CBC common code', () => {
	const read = readLakeFormationResponse(
		answer(400, {
			error_code: 'common.01000001',
			error_msg: 'failed to read http request, please check your input, code: 400, reason: Type mismatch., cause: TypeMismatchException',
			common_error_code: 'CBC.0150',
			solution_msg: 'Check the request body.',
		}),
	);

	expect(read).toEqual({
		failure: {
			httpCode: 400,
			code: 'common.01000001',
			message: expect.stringContaining('Type mismatch'),
			requestId: '0f9c8e6ab2d24c7e8a1b2c3d4e5f6a7b',
			hint: 'Check the request body. — Common error code: CBC.0150',
		},
	});
});

it('maps the gateway 401 example (APIG.1002)', () => {
	const read = readLakeFormationResponse(
		answer(401, { error_code: 'APIG.1002', error_msg: 'Incorrect token or token resolution failed' }),
	);

	expect(read).toMatchObject({ failure: { httpCode: 401, code: 'APIG.1002', message: 'Incorrect token or token resolution failed' } });
});

it('maps the nested 403 example, preferring error.code and error.message over the null flat fields', () => {
	const read = readLakeFormationResponse(
		answer(403, {
			error: { code: '403', message: 'X-Auth-Token is invalid in the request', error_code: null, error_msg: null, title: 'Forbidden' },
			error_code: '403',
			error_msg: 'X-Auth-Token is invalid in the request',
			title: 'Forbidden',
		}),
	);

	expect(read).toMatchObject({ failure: { httpCode: 403, code: '403', message: 'X-Auth-Token is invalid in the request' } });
});

it('falls back to the flat fields when the nested error has none', () => {
	const read = readLakeFormationResponse(answer(403, { error: { code: null, message: null }, error_code: 'APIG.0301', error_msg: 'auth failed' }));

	expect(read).toMatchObject({ failure: { code: 'APIG.0301', message: 'auth failed' } });
});

it('accepts a 2xx without a body, and rejects a 2xx body that is not JSON', () => {
	expect(readLakeFormationResponse({ statusCode: 204, headers: {}, body: undefined, rawBody: '' })).toEqual({
		answer: { body: undefined, requestId: undefined },
	});
	expect(readLakeFormationResponse({ statusCode: 200, headers: {}, body: undefined, rawBody: '{"instances": [' })).toMatchObject({
		failure: { code: 'InvalidResponse', hint: 'Body: {"instances": [' },
	});
});

it('knows throttling by 429 or APIG.0308', () => {
	expect(isHuaweiThrottled(answer(429, { error_code: 'APIG.0308', error_msg: 'throttled' }))).toBe(true);
	expect(isHuaweiThrottled(answer(400, { error_code: 'APIG.0308', error_msg: 'throttled' }))).toBe(true);
	expect(isHuaweiThrottled(answer(500, { error_code: 'common.00000500', error_msg: 'x' }))).toBe(false);
});
