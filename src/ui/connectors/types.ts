/** What the new-connection page and the "Set up and run" panel need from each connector's UI. */
import type { Component } from 'solid-js';
import type { Connection, ConnectorSettings } from '../../contract/model.ts';
import type { NewPropertyRequest } from '../../contract/worker-api.ts';

/** The settings a form has gathered so far. `problem` says what is still missing, in the user's words. */
export interface ConnectorDraft {
  settings: ConnectorSettings;
  /** A file to store with the connection, or a handle of the file to link (file imports). */
  file: Blob | FileSystemFileHandle | null;
  fileName: string | null;
  newProperties: NewPropertyRequest[];
  problem: string | null;
}

export interface ConnectorFormProps {
  /** Null on the new-connection page; the stored connection in the "Set up and run" panel. */
  connection: Connection | null;
  onDraft: (draft: ConnectorDraft) => void;
  /** Suggests a connection name, for example from a picked file's name. */
  onSuggestName?: (name: string) => void;
}

export interface ConnectorUi {
  connector: ConnectorSettings['connector'];
  direction: Connection['direction'];
  label: string;
  description: string;
  /** False for connectors that only test builds offer. */
  isOffered: boolean;
  Form: Component<ConnectorFormProps>;
}
