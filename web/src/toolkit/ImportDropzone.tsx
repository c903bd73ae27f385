import { InboxOutlined } from '@ant-design/icons';
import { Spin, Upload } from 'antd';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The first step of an import wizard: drop or pick one CSV or XLSX file. */
export function ImportDropzone({ busy, onFile, text, hint, testId }: { busy: boolean; onFile: (file: File) => void; text: string; hint: string; testId: string }) {
  return (
    <Spin spinning={busy}>
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          onFile(f);
          return false;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
    </Spin>
  );
}
