import { InputNumber, Select } from 'antd';
import type { Role, SettingSchema } from '../../../api/types';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
}

/** The input for one setting, chosen by its schema type. value/onChange come from Form.Item. */
export function SettingField({
  id,
  schema,
  roles,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  schema: SettingSchema;
  roles: Role[];
  value?: unknown;
  onChange?: (value: unknown) => void;
  disabled?: boolean;
}) {
  switch (schema.type) {
    case 'int':
      return (
        <InputNumber
          id={id}
          min={schema.min}
          max={schema.max}
          precision={0}
          value={value as number | undefined}
          onChange={(v) => onChange?.(v)}
          disabled={disabled}
          style={{ width: 200 }}
        />
      );
    case 'enum':
      return (
        <Select
          id={id}
          value={value as string | undefined}
          onChange={onChange}
          disabled={disabled}
          options={(schema.enum ?? []).map((v) => ({ value: v, label: v }))}
          style={{ width: 200 }}
        />
      );
    case 'roles':
      return (
        <Select
          id={id}
          mode={roles.length ? 'multiple' : 'tags'}
          value={value as string[] | undefined}
          onChange={onChange}
          disabled={disabled}
          options={roles.map((r) => ({ value: r.name, label: r.label || r.name }))}
          style={{ width: 360 }}
        />
      );
    case 'time_zone':
      return (
        <Select
          id={id}
          showSearch
          value={value as string | undefined}
          onChange={onChange}
          disabled={disabled}
          options={timeZones().map((z) => ({ value: z, label: z }))}
          style={{ width: 260 }}
        />
      );
    default:
      return <span>{JSON.stringify(value)}</span>;
  }
}
