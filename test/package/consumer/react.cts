// `sw-update-coordinator/react` from CommonJS (no JSX in .cts).
import { createElement } from 'react';
import type { UpdateCoordinator } from 'sw-update-coordinator';
import { useUpdateCoordinator } from 'sw-update-coordinator/react';

export function Status({ updates }: { updates: UpdateCoordinator }) {
  return createElement('output', null, useUpdateCoordinator(updates).status);
}
