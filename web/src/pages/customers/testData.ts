import type { Customer } from '../../api/customers';

/** A masked customer as the list / detail endpoints answer it (test fixture only). */
export function makeCustomer(over: Partial<Customer> = {}): Customer {
  return {
    id: 12,
    number: 'C20261122000012',
    name: '李雷',
    gender: 'male',
    birthday: '1990-05-01',
    phone: '138****1234',
    email: 'l***@example.com',
    address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路***' },
    id_number: null,
    source_channel: 'tmall',
    stage: 'potential',
    owner_id: 3,
    owner_name: '王芳',
    categories: [{ id: 1, name: '批发客户' }],
    tags: ['VIP'],
    hobbies: '',
    notes: '',
    consent: { sms: true, email: false, phone: true },
    created_at: 0,
    created_by: 1,
    updated_at: 0,
    updated_by: 1,
    version: 3,
    masked: true,
    ...over,
  };
}
