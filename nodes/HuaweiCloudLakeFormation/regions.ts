/** Regions where LakeFormation is offered (the SDK's region list). */
export const LAKEFORMATION_REGIONS = [
	{ id: 'cn-north-4', name: 'CN North-Beijing4' },
	{ id: 'cn-north-9', name: 'CN North-Ulanqab1' },
	{ id: 'cn-east-3', name: 'CN East-Shanghai1' },
	{ id: 'cn-south-1', name: 'CN South-Guangzhou' },
	{ id: 'cn-north-11', name: 'cn-north-11' },
	{ id: 'cn-southwest-2', name: 'CN Southwest-Guiyang1' },
	{ id: 'ap-southeast-4', name: 'AP-Jakarta' },
	{ id: 'la-north-2', name: 'LA-Mexico City2' },
	{ id: 'af-south-1', name: 'AF-Johannesburg' },
] as const;

// cn-north-11 has no regional IAM endpoint: the global one serves it.
const REGIONS_WITHOUT_REGIONAL_IAM = new Set(['cn-north-11']);

export function iamEndpoint(region: string): string {
	return REGIONS_WITHOUT_REGIONAL_IAM.has(region)
		? 'https://iam.myhuaweicloud.com'
		: `https://iam.${region}.myhuaweicloud.com`;
}

export function lakeFormationEndpoint(region: string): string {
	return `https://lakeformation.${region}.myhuaweicloud.com`;
}
