import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';
import { LANGUAGES, isLanguage } from '../i18n/language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = isLanguage(i18n.language) ? i18n.language : currentLanguage();
  const activeName = LANGUAGES.find((l) => l.code === active)?.nativeName ?? active;

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [active],
        items: LANGUAGES.map((l) => ({ key: l.code, label: <span lang={l.code}>{l.nativeName}</span> })),
        onClick: ({ key }) => {
          if (isLanguage(key)) void changeLanguage(key);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('header.language')} data-testid="language-switch">
        {activeName}
      </Button>
    </Dropdown>
  );
}
