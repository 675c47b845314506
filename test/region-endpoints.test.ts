/** Region IDs → public endpoints, as the reference tables give them. */
import { ALIBABA_DLA_REGIONS, alibabaDlaEndpoint } from '../nodes/AlibabaCloudDataLakeAnalytics/regions';
import { alibabaDlaProperties } from '../nodes/AlibabaCloudDataLakeAnalytics/description';
import { iamEndpoint, LAKEFORMATION_REGIONS, lakeFormationEndpoint } from '../nodes/HuaweiCloudLakeFormation/regions';
import { HuaweiCloudIamApi } from '../credentials/HuaweiCloudIamApi.credentials';

describe('Alibaba Cloud Data Lake Analytics', () => {
	it('offers the 19 regions with their names', () => {
		const region = alibabaDlaProperties.find((property) => property.name === 'regionId');
		expect(region?.options).toHaveLength(19);
		expect(region?.options).toContainEqual({ name: 'China (Beijing) (cn-beijing)', value: 'cn-beijing' });
		expect(new Set(ALIBABA_DLA_REGIONS.map((r) => r.id)).size).toBe(19);
	});

	it.each(['ap-southeast-2', 'ap-northeast-1', 'us-east-1', 'eu-central-1'])('serves %s from datalakeanalytics.', (region) => {
		expect(alibabaDlaEndpoint(region)).toBe(`https://datalakeanalytics.${region}.aliyuncs.com`);
	});

	it.each(['cn-qingdao', 'cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'eu-west-1', 'me-east-1'])('serves %s from openanalytics.', (region) => {
		expect(alibabaDlaEndpoint(region)).toBe(`https://openanalytics.${region}.aliyuncs.com`);
	});

	it('sends any other region ID to the central endpoint', () => {
		expect(alibabaDlaEndpoint('cn-wulanchabu')).toBe('https://openanalytics.aliyuncs.com');
	});
});

describe('Huawei Cloud LakeFormation', () => {
	it('offers the nine LakeFormation regions in the credential', () => {
		const region = new HuaweiCloudIamApi().properties.find((property) => property.name === 'region');
		expect(region?.options?.map((option) => (option as { value: string }).value)).toEqual(LAKEFORMATION_REGIONS.map((r) => r.id));
		expect(region?.options).toContainEqual({ name: 'CN North-Beijing4 (cn-north-4)', value: 'cn-north-4' });
		expect(region?.options).toContainEqual({ name: 'cn-north-11', value: 'cn-north-11' });
	});

	it('uses the regional endpoints, and the global IAM endpoint for cn-north-11', () => {
		expect(lakeFormationEndpoint('cn-north-4')).toBe('https://lakeformation.cn-north-4.myhuaweicloud.com');
		expect(iamEndpoint('af-south-1')).toBe('https://iam.af-south-1.myhuaweicloud.com');
		expect(iamEndpoint('cn-north-11')).toBe('https://iam.myhuaweicloud.com');
	});
});
