import '../admin.css';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { StationHost } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useMe } from '../../../hooks/useSession';
import { PAGES } from '../../../lib/nav';
import { isAdmin } from '../../../lib/roles';
import { StationForm } from '../form/StationForm';
import { blankStation, toCreate, type FormErrors, type StationFormValues } from '../form/values';

/** The park admin opens a station: where it is, hours, amenities, its hosts. */
export default function CreateStationPage() {
  const me = useMe();
  const [hosts, setHosts] = useState<StationHost[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [initial] = useState(blankStation);

  useEffect(() => {
    api.managedStations.hosts().then(setHosts).catch((err: unknown) => setMessage(errorText(err)));
  }, []);

  const create = async (values: StationFormValues) => {
    const { input, errors: problems } = toCreate(values);
    setErrors(problems);
    setMessage(null);
    if (!input) return;
    setBusy(true);
    try {
      const station = await api.managedStations.create(input);
      void Taro.showToast({ title: '已创建', icon: 'success' });
      void Taro.redirectTo({ url: `${PAGES.managedStation}?id=${encodeURIComponent(station.id)}` });
    } catch (err) {
      setMessage(errorText(err));
      if (err instanceof ApiError) setErrors(err.fieldMap());
    } finally {
      setBusy(false);
    }
  };

  if (me && !isAdmin(me)) {
    return (
      <View className="page create-station-page">
        <ErrorMessage message="只有园区管理员可以新建驿站" />
      </View>
    );
  }
  return (
    <View className="page create-station-page">
      <ErrorMessage message={message} />
      <StationForm initial={initial} admin creating hosts={hosts} errors={errors} busy={busy} submitLabel="创建驿站" onSubmit={(v) => void create(v)} />
    </View>
  );
}
