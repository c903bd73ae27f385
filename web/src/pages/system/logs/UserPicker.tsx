import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';

/** Select a staff user by searching the users list; the value is the user id as a string. */
export function UserPicker({
  value,
  onChange,
  placeholder,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: [...adminKeys.users, 'picker', q],
    queryFn: ({ signal }) => adminApi.listUsers({ q, limit: 20 }, signal),
  });
  const options = (users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.display_name} (${u.username})` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: `#${value}` });
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      placeholder={placeholder ?? t('logs.actor')}
      value={value}
      onSearch={setQ}
      onChange={(v?: string) => onChange(v)}
      loading={users.isFetching}
      options={options}
      style={{ width: 220 }}
    />
  );
}
