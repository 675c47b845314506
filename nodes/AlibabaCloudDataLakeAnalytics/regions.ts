/** Regions of Data Lake Analytics (openanalytics-open) and their endpoints. */
export const ALIBABA_DLA_REGIONS = [
	{ id: 'cn-qingdao', name: 'China (Qingdao)' },
	{ id: 'cn-beijing', name: 'China (Beijing)' },
	{ id: 'cn-zhangjiakou', name: 'China (Zhangjiakou)' },
	{ id: 'cn-huhehaote', name: 'China (Hohhot)' },
	{ id: 'cn-hangzhou', name: 'China (Hangzhou)' },
	{ id: 'cn-shanghai', name: 'China (Shanghai)' },
	{ id: 'cn-shenzhen', name: 'China (Shenzhen)' },
	{ id: 'cn-hongkong', name: 'China (Hong Kong)' },
	{ id: 'ap-southeast-1', name: 'Singapore' },
	{ id: 'ap-southeast-2', name: 'Australia (Sydney)' },
	{ id: 'ap-southeast-3', name: 'Malaysia (Kuala Lumpur)' },
	{ id: 'ap-southeast-5', name: 'Indonesia (Jakarta)' },
	{ id: 'ap-northeast-1', name: 'Japan (Tokyo)' },
	{ id: 'ap-south-1', name: 'India (Mumbai)' },
	{ id: 'us-west-1', name: 'US (Silicon Valley)' },
	{ id: 'us-east-1', name: 'US (Virginia)' },
	{ id: 'eu-central-1', name: 'Germany (Frankfurt)' },
	{ id: 'eu-west-1', name: 'UK (London)' },
	{ id: 'me-east-1', name: 'UAE (Dubai)' },
] as const;

// These four regions serve the product under another host name.
const DATALAKEANALYTICS_HOST_REGIONS = new Set(['ap-southeast-2', 'ap-northeast-1', 'us-east-1', 'eu-central-1']);
const KNOWN_REGIONS = new Set<string>(ALIBABA_DLA_REGIONS.map((region) => region.id));

/** The public endpoint of a region; an unlisted region goes to the central endpoint. */
export function alibabaDlaEndpoint(regionId: string): string {
	if (DATALAKEANALYTICS_HOST_REGIONS.has(regionId)) return `https://datalakeanalytics.${regionId}.aliyuncs.com`;
	if (KNOWN_REGIONS.has(regionId)) return `https://openanalytics.${regionId}.aliyuncs.com`;
	return 'https://openanalytics.aliyuncs.com';
}
