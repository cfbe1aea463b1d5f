import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Typography } from '@strapi/design-system';

/**
 * A side panel beside a workshop in the content manager: its registrations (kept by the forum) with status and
 * answers, what editors do with each (approve, give a seat, put on the waiting list, cancel) and a CSV export.
 */

type Status = 'CONFIRMED' | 'WAITLISTED' | 'PENDING_APPROVAL' | 'CANCELLED';
interface Registration {
  id: string;
  status: Status;
  waitlistPosition: number | null;
  name: string | null;
  email: string | null;
  organisation: string | null;
  answers: Record<string, string>;
  registeredAt: string;
}
interface Listing {
  signup: {
    capacity: number | null;
    confirmedCount: number;
    waitlistCount: number;
    questions: { key: string; label: string }[];
  };
  registrations: Registration[];
}

const STATUS: Record<Status, string> = {
  CONFIRMED: 'bestätigt',
  WAITLISTED: 'Warteliste',
  PENDING_APPROVAL: 'wartet auf Freigabe',
  CANCELLED: 'storniert',
};

const ACTIONS: Record<Status, { action: string; label: string }[]> = {
  PENDING_APPROVAL: [
    { action: 'approve', label: 'Freigeben' },
    { action: 'cancel', label: 'Ablehnen' },
  ],
  WAITLISTED: [
    { action: 'seat', label: 'Platz geben' },
    { action: 'cancel', label: 'Stornieren' },
  ],
  CONFIRMED: [
    { action: 'waitlist', label: 'Auf die Warteliste' },
    { action: 'cancel', label: 'Stornieren' },
  ],
  CANCELLED: [],
};

function Registrations({ documentId }: { documentId: string }) {
  const { get, post } = useFetchClient();
  const [listing, setListing] = React.useState<Listing | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const base = `/workshop-registrations/workshops/${documentId}/registrations`;

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<Listing>(base);
      setListing(data);
      setProblem(null);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, [base, get]);

  React.useEffect(() => {
    void load();
  }, [load]);

  async function act(registrationId: string, action: string) {
    setBusy(true);
    try {
      await post(`${base}/${registrationId}`, { action });
      await load();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function exportCsv() {
    try {
      const { data } = await get<Blob>(`${base}.csv`, { responseType: 'blob' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(data);
      link.download = `anmeldungen-${documentId}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  if (problem)
    return (
      <Typography textColor="danger600" data-testid="workshop-registrations">
        {problem}
      </Typography>
    );
  if (!listing)
    return <Typography data-testid="workshop-registrations">Anmeldungen werden geladen …</Typography>;
  const { signup, registrations } = listing;
  const active = registrations.filter((registration) => registration.status !== 'CANCELLED');
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="workshop-registrations">
      <Typography variant="omega">
        {signup.capacity === null
          ? `${signup.confirmedCount} bestätigt (keine Platzgrenze)`
          : `${signup.confirmedCount} von ${signup.capacity} Plätzen belegt`}
        {`, ${signup.waitlistCount} auf der Warteliste`}
      </Typography>
      {active.length === 0 ? <Typography variant="pi">Noch keine Anmeldungen.</Typography> : null}
      {active.map((registration) => (
        <Box key={registration.id} padding={2} hasRadius background="neutral100">
          <Typography variant="omega" fontWeight="bold">
            {registration.name ?? '(gelöscht)'}
          </Typography>
          <Typography variant="pi" tag="p">
            {STATUS[registration.status]}
            {registration.waitlistPosition ? `, Platz ${registration.waitlistPosition}` : ''}
            {registration.organisation ? ` · ${registration.organisation}` : ''}
          </Typography>
          {registration.email ? (
            <Typography variant="pi" tag="p">
              {registration.email}
            </Typography>
          ) : null}
          {signup.questions
            .filter((question) => registration.answers[question.key])
            .map((question) => (
              <Typography key={question.key} variant="pi" tag="p">
                {question.label}: {registration.answers[question.key]}
              </Typography>
            ))}
          <Flex gap={2} paddingTop={2} wrap="wrap">
            {ACTIONS[registration.status].map(({ action, label }) => (
              <Button
                key={action}
                size="S"
                variant={action === 'cancel' ? 'danger-light' : 'secondary'}
                disabled={busy}
                onClick={() => void act(registration.id, action)}
              >
                {label}
              </Button>
            ))}
          </Flex>
        </Box>
      ))}
      <Button variant="tertiary" onClick={() => void exportCsv()}>
        Als CSV exportieren
      </Button>
    </Flex>
  );
}

function messageOf(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? 'Die Anmeldungen konnten nicht geladen werden.';
}

/** Shown only on a saved workshop. */
export const WorkshopRegistrationsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::workshop.workshop' || !documentId) return null;
  return { title: 'Anmeldungen', content: <Registrations documentId={documentId} /> };
};
