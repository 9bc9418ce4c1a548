-- One row per email the SMTP server accepted, written right after it did: a retry of the job
-- skips these. Replaces the job-level marker, which was written in the sending transaction.
CREATE TABLE sent_emails (
    message_id  VARCHAR(300) PRIMARY KEY,
    job_id      VARCHAR(100) NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sent_emails_sent_at_idx ON sent_emails (sent_at);
DROP TABLE processed_jobs;
