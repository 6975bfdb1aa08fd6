/**
 * The admin home page's review queue, for the Chargé·e de mission: every submission of the
 * associations awaiting review (actions, delegations, school exchanges, association profiles), the
 * oldest first, with the association, the date and a link to the entry; the count first. Read from
 * /admin/mission/review-queue (src/submissions/review-queue.ts).
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Flex, Typography } from '@strapi/design-system';

interface QueuedSubmission {
  type: string;
  typeLabel: string;
  documentId: string;
  title: string;
  association: string | null;
  submittedAt: string;
  href: string;
}

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

const countLabel = (count: number): string =>
  count === 0
    ? 'Aucune proposition à relire'
    : count === 1
      ? '1 proposition à relire'
      : `${count} propositions à relire`;

export const ReviewQueueWidget = () => {
  const { get } = useFetchClient();
  const [queue, setQueue] = useState<{ count: number; entries: QueuedSubmission[] } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    get<{ data: { count: number; entries: QueuedSubmission[] } }>('/admin/mission/review-queue')
      .then(({ data }) => {
        if (current) setQueue(data.data);
      })
      .catch(() => {
        if (current) setFailed(true);
      });
    return () => {
      current = false;
    };
  }, [get]);

  if (failed) return <Typography textColor="danger600">La liste n’a pas pu être lue.</Typography>;
  if (!queue) return <Typography>Lecture des propositions…</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="p" data-testid="review-queue-count">
        {countLabel(queue.count)}
      </Typography>
      {queue.entries.length > 0 && (
        <Box tag="ol" aria-label="Propositions à relire, la plus ancienne d’abord">
          {queue.entries.map((entry) => (
            <Box tag="li" key={`${entry.type}-${entry.documentId}`} paddingBottom={2}>
              <Link to={entry.href}>
                <Typography fontWeight="bold">{entry.title}</Typography>
              </Link>
              <Typography variant="pi" tag="p" textColor="neutral600">
                {entry.typeLabel}
                {entry.association ? ` — ${entry.association}` : ''} — envoyée le{' '}
                {DATE.format(new Date(entry.submittedAt))}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Flex>
  );
};

export default ReviewQueueWidget;
