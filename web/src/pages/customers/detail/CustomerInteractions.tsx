import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../api/customers';
import { interactionKeys, interactionsApi, type Interaction } from '../../../api/interactions';
import { useSession } from '../../../auth/SessionContext';
import { useServerTable } from '../../../toolkit';
import { InteractionFormDrawer } from '../../interactions/InteractionFormDrawer';
import { InteractionList } from '../../interactions/InteractionList';

// The tab keeps its own filters out of the URL: the 360 page's URL stays the customer's.
const NO_URL_FILTERS: readonly string[] = [];

/** 沟通记录 tab of the 360 page: this customer's communications and "记录沟通". */
export function CustomerInteractions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const canEdit = useSession().can('interactions.edit');
  const [editing, setEditing] = useState<Interaction | 'new' | null>(null);
  const table = useServerTable<Interaction>({
    queryKey: [...interactionKeys.list, 'customer', customer.id],
    fetcher: (query, signal) => interactionsApi.list({ ...query, customer_id: customer.id }, signal),
    filterKeys: NO_URL_FILTERS,
    pageSize: 10,
  });
  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="customer-log-interaction">
            {t('interactions.logForCustomer')}
          </Button>
        </Flex>
      )}
      <InteractionList table={table} withCustomer={false} onEdit={setEditing} />
      <InteractionFormDrawer
        open={editing !== null}
        interaction={editing === 'new' ? null : editing}
        customer={{ id: customer.id, name: customer.name, number: customer.number }}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
    </>
  );
}
