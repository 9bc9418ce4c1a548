-- Files attached to a ticket's own description (opened with the ticket, on the web form or the
-- API) have no comment: comment_id NULL. Only widens; an older version simply does not list them.
ALTER TABLE attachments ALTER COLUMN comment_id DROP NOT NULL;
