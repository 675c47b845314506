/**
 * Row 2: signing throughput of the project's signers (credentials/) over the official ones, on
 * identical inputs, in this process. Each side signs the same request over and over for a fixed
 * time per sample (after a warm-up that also calibrates the count); samples of the two sides
 * alternate; the figure is the ratio of the median throughputs per CPU-second of the main
 * thread (signing is pure computation on it, and CPU time does not count the moments another
 * process had the core); the wall-time ratio is shown too. Before
 * timing, each pair is checked to produce the very same signature (otherwise the comparison
 * would be meaningless and the row says so).
 */
import { createHash } from 'node:crypto';

import OpenApiUtil from '@alicloud/openapi-util';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';

import { rpcSignature, signAcs3 } from '../../credentials/alibabaCloudSignature';
import { signSdkHmacSha256 } from '../../credentials/huaweiCloudSignature';
import { canonicalQuery } from '../../credentials/rfc3986';

import { fixed, median, progress, spread } from './stats';
import type { Row } from './table';

export interface SigningOptions {
	/** How long one sample runs (its signature count is calibrated during the warm-up). */
	sampleMs: number;
	samples: number;
}

interface Pair {
	label: string;
	official: { name: string; sign: () => string };
	ours: { name: string; sign: () => string };
}

const COMPONENT = JSON.stringify({
	operable: 'false',
	max_cu: '8',
	instance_name: 'bench-lake-01',
	min_cu: '0',
	engine: 'spark',
	region: 'cn-hangzhou',
	app_name: 'bench',
	app_version_name: 'v1',
});
const ALIBABA_KEY = { id: 'LTAI5tBenchAccessKeyId', secret: 'bench-access-key-secret-0123456789' };

function alibabaRpcPair(): Pair {
	// every parameter the RPC signature covers: common ones plus the API's
	const params: Record<string, string> = {
		Action: 'CreateInstance',
		Version: '2018-06-19',
		Format: 'JSON',
		RegionId: 'cn-hangzhou',
		ChargeType: 'POSTPAY',
		InstanceType: 'CU_SPARK',
		Component: COMPONENT,
		AccessKeyId: ALIBABA_KEY.id,
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		SignatureNonce: '6a1f0f2e9c3b4d5e8f7a6b5c4d3e2f1a',
		Timestamp: '2025-01-15T08:30:00Z',
	};
	return {
		label: 'Alibaba RPC (HMAC-SHA1)',
		official: { name: 'OpenApiUtil.getRPCSignature', sign: () => OpenApiUtil.getRPCSignature(params, 'POST', ALIBABA_KEY.secret) },
		ours: { name: 'rpcSignature', sign: () => rpcSignature('POST', params, ALIBABA_KEY.secret) },
	};
}

function alibabaV3Pair(): Pair {
	const input = {
		method: 'POST',
		host: 'openanalytics.cn-hangzhou.aliyuncs.com',
		path: '/',
		query: {} as Record<string, string>,
		body: canonicalQuery({ RegionId: 'cn-hangzhou', ChargeType: 'POSTPAY', InstanceType: 'CU_SPARK', Component: COMPONENT }),
		contentType: 'application/x-www-form-urlencoded',
		action: 'CreateInstance',
		version: '2018-06-19',
		date: '2025-01-15T08:30:00Z',
		nonce: '6a1f0f2e9c3b4d5e8f7a6b5c4d3e2f1a',
		accessKeyId: ALIBABA_KEY.id,
		accessKeySecret: ALIBABA_KEY.secret,
	};
	// the official way (as the Tea SDK does): hash the body, build the x-acs-* headers, getAuthorization
	const official = () => {
		const contentSha256 = createHash('sha256').update(input.body, 'utf8').digest('hex');
		const headers: Record<string, string> = {
			host: input.host,
			'x-acs-action': input.action,
			'x-acs-version': input.version,
			'x-acs-date': input.date,
			'x-acs-signature-nonce': input.nonce,
			'x-acs-content-sha256': contentSha256,
			'content-type': input.contentType,
		};
		const request = { pathname: input.path, method: input.method, query: input.query, headers } as unknown as Parameters<
			typeof OpenApiUtil.getAuthorization
		>[0];
		return OpenApiUtil.getAuthorization(request, 'ACS3-HMAC-SHA256', contentSha256, input.accessKeyId, input.accessKeySecret);
	};
	return {
		label: 'Alibaba V3 (ACS3-HMAC-SHA256)',
		official: { name: 'OpenApiUtil.getAuthorization (+ body hash, x-acs headers)', sign: official },
		ours: { name: 'signAcs3', sign: () => signAcs3(input).authorization },
	};
}

function huaweiPair(): Pair {
	const url = 'https://lakeformation.cn-north-4.myhuaweicloud.com/v1/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances';
	const body = { name: 'bench-lake-01', charge_mode: 'postPaid', shared: true, description: 'created by the benchmark' };
	const headers = {
		'X-Sdk-Date': '20250115T083000Z',
		'content-type': 'application/json',
		'X-Project-Id': '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
	};
	const key = { ak: 'BENCHAKEXAMPLE0000001', sk: 'bench-secret-key-0123456789abcdef' };
	const credentials = new BasicCredentials().withAk(key.ak).withSk(key.sk);
	return {
		label: 'Huawei AK/SK (SDK-HMAC-SHA256)',
		official: {
			name: 'AKSKSigner.sign',
			sign: () =>
				(
					AKSKSigner.sign({ method: 'POST', endpoint: url, queryParams: {}, headers: { ...headers }, data: body }, credentials) as Record<
						string,
						string
					>
				).Authorization,
		},
		ours: {
			name: 'signSdkHmacSha256 (+ JSON.stringify of the body)',
			sign: () =>
				signSdkHmacSha256({ method: 'POST', url, headers, body: JSON.stringify(body), accessKey: key.ak, secretKey: key.sk })
					.authorization,
		},
	};
}

interface Sample {
	/** Signatures per second of the main thread's CPU time: what signing costs, whatever else runs on the machine. */
	perCpuSecond: number;
	/** Signatures per second of wall time: lower when other processes take the core. */
	perWallSecond: number;
}

function sample(sign: () => string, iterations: number): Sample {
	let sink = 0;
	const cpuBefore = process.threadCpuUsage();
	const started = performance.now();
	for (let i = 0; i < iterations; i++) sink += sign().length;
	const wallMs = performance.now() - started;
	const cpu = process.threadCpuUsage(cpuBefore);
	if (sink === 0) throw new Error('no signature produced');
	const cpuMs = Math.max((cpu.user + cpu.system) / 1000, 0.001);
	return { perCpuSecond: (iterations / cpuMs) * 1000, perWallSecond: (iterations / wallMs) * 1000 };
}

/** Warms the function up (JIT) and returns how many signatures fill about `sampleMs`. */
function calibrate(sign: () => string, sampleMs: number): number {
	let iterations = 500;
	for (let round = 0; round < 3; round++) {
		const { perWallSecond } = sample(sign, iterations);
		iterations = Math.max(500, Math.round((perWallSecond * sampleMs) / 1000));
	}
	return iterations;
}

export function measureSigning({ sampleMs, samples }: SigningOptions): Row[] {
	const rows: Row[] = [];
	for (const pair of [alibabaRpcPair(), alibabaV3Pair(), huaweiPair()]) {
		const same = pair.official.sign() === pair.ours.sign();
		progress(`signing: ${pair.label}${same ? '' : ' — THE SIGNATURES DIFFER'}`);
		const officialIterations = calibrate(pair.official.sign, sampleMs);
		const ourIterations = calibrate(pair.ours.sign, sampleMs);
		const official: Sample[] = [];
		const ours: Sample[] = [];
		// alternate which side goes first
		for (let s = 0; s < samples; s++) {
			if (s % 2 === 0) {
				official.push(sample(pair.official.sign, officialIterations));
				ours.push(sample(pair.ours.sign, ourIterations));
			} else {
				ours.push(sample(pair.ours.sign, ourIterations));
				official.push(sample(pair.official.sign, officialIterations));
			}
		}
		const cpu = (samples: Sample[]) => median(samples.map((one) => one.perCpuSecond));
		const wall = (samples: Sample[]) => median(samples.map((one) => one.perWallSecond));
		const ratio = cpu(ours) / cpu(official);
		const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
		rows.push({
			measure: `Signing throughput, ${pair.label}: ours (${pair.ours.name}) ÷ official (${pair.official.name})`,
			value: `${fixed(ratio)}×`,
			target: '≥ 1.5×',
			met: same ? ratio >= 1.5 : undefined,
			detail:
				`per CPU-second: ours ${perSecond(cpu(ours))} (${fixed(1e6 / cpu(ours), 1)} µs each), official ${perSecond(cpu(official))} ` +
				`(${fixed(1e6 / cpu(official), 1)} µs each); median of ${samples} alternating samples of about ${sampleMs} ms each ` +
				`(spread ours ${fixed(spread(ours.map((one) => one.perCpuSecond)) * 100, 0)} %, official ${fixed(spread(official.map((one) => one.perCpuSecond)) * 100, 0)} %); ` +
				`by wall time ${fixed(wall(ours) / wall(official))}×; ` +
				(same ? 'identical signatures' : 'the two signatures DIFFER: not comparable'),
		});
	}
	return rows;
}
