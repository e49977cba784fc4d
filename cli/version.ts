import packageJson from '../package.json';

export const PRODUCT_VERSION: string = packageJson.version;
