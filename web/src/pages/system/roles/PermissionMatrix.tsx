import { Checkbox, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../api/types';
import { buildMatrix, toggleRow, type MatrixRow } from './permissionMatrix';

/** Permission checkboxes: one table per module, rows = resources, columns = actions. */
export function PermissionMatrix({
  catalogue,
  value = [],
  onChange,
  disabled,
}: {
  catalogue: Permission[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const matrix = buildMatrix(catalogue);
  const label = (p: Permission) => (i18n.language === 'zh-CN' ? p.label_zh : p.label_en) || p.name;
  const set = new Set(value);

  const toggle = (name: string, on: boolean) => onChange?.(on ? [...value, name] : value.filter((n) => n !== name));

  return (
    <div data-testid="permission-matrix">
      {matrix.groups.map((group) => (
        <div key={group.module} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t(`modules.${group.module}`, { defaultValue: group.module })}</Typography.Text>
          <Table<MatrixRow>
            size="small"
            bordered
            pagination={false}
            rowKey="resource"
            style={{ marginTop: 8 }}
            dataSource={group.rows}
            columns={[
              {
                title: t('roles.resource'),
                dataIndex: 'resource',
                width: 160,
                render: (_v, row) => {
                  const names = Object.values(row.cells).map((p) => p.name);
                  const on = names.filter((n) => set.has(n)).length;
                  return (
                    <Checkbox
                      disabled={disabled}
                      checked={on === names.length}
                      indeterminate={on > 0 && on < names.length}
                      onChange={(e) => onChange?.(toggleRow(value, row, e.target.checked))}
                    >
                      {t(`resources.${row.resource}`, { defaultValue: row.resource })}
                    </Checkbox>
                  );
                },
              },
              ...matrix.actions.map((action) => ({
                title: t(`actions.${action}`, { defaultValue: action }),
                key: action,
                align: 'center' as const,
                width: 90,
                render: (_v: unknown, row: MatrixRow) => {
                  const p = row.cells[action];
                  if (!p) return null;
                  return (
                    <Tooltip title={label(p)}>
                      <Checkbox
                        aria-label={label(p)}
                        data-permission={p.name}
                        disabled={disabled}
                        checked={set.has(p.name)}
                        onChange={(e) => toggle(p.name, e.target.checked)}
                      />
                    </Tooltip>
                  );
                },
              })),
            ]}
          />
        </div>
      ))}
    </div>
  );
}
