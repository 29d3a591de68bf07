/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
    /** Base URL of the HTTP API, baked in at build time. */
    TARO_APP_API_BASE?: string;
    TARO_APP_DEV_WECHAT?: string;
  }
}
