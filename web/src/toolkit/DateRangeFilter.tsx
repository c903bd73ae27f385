import { DatePicker } from 'antd';
import { paramsToRange, rangeToParams } from './dateRange';

/** Date range picker bound to the `from`/`to` URL filters. */
export function DateRangeFilter({
  from,
  to,
  onChange,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (value: { from: string | undefined; to: string | undefined }) => void;
}) {
  return (
    <DatePicker.RangePicker
      value={paramsToRange(from, to)}
      onChange={(range) => onChange(rangeToParams(range))}
      allowEmpty={[false, false]}
      style={{ width: 260 }}
      data-testid="date-range"
    />
  );
}
