import type { JSX } from 'solid-js';
import { BackupSection } from './BackupSection.tsx';
import { DemoSection } from './DemoSection.tsx';
import { ProfileExportSection } from './ProfileExportSection.tsx';
import { RetentionSection } from './RetentionSection.tsx';
import { StorageSection } from './StorageSection.tsx';
import './settings.css';

/** Storage, run-history limits, backup and restore, the profile store export and the demo reset. */
export function SettingsPage(): JSX.Element {
  return (
    <main class="page settings-page">
      <h1>Settings</h1>
      <StorageSection />
      <RetentionSection />
      <BackupSection />
      <ProfileExportSection />
      <DemoSection />
    </main>
  );
}
