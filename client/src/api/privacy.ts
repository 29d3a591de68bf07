import { ERASE_CONFIRMATION, type EraseMeResult, type MyData } from '@parklink/contract';
import { call } from './http';

/** Personal information (PIPL): what the API holds about the signed-in person, and erasing them. */
export const privacyApi = {
  data: (): Promise<MyData> => call<MyData>('myData'),
  /** Erases the signed-in person for good; the caller logs out afterwards. */
  erase: (): Promise<EraseMeResult> => call<EraseMeResult>('deleteMe', { body: { confirm: ERASE_CONFIRMATION } }),
};
